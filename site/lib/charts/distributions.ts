// Charts of the distributions stage (explain/distributions.json): weights before and after training,
// activations over the test set, and how often each channel is dead. One row per layer.
import type { DistributionsIndex } from '../../../pipeline/explain/distributions/distributionsIndex';
import { CHART_CONFIG, CHART_WIDTH, TRAIN_COLOR, VALIDATION_COLOR, type ChartContext, type ChartSpec } from './common';

const ROW_HEIGHT = 80;
// Marks carry no ARIA labels of their own (hundreds of bars would weigh more than the page): the figure is one
// labelled image, the tooltips give the values, and the prose says what matters.
const round = (v: number) => Number(v.toPrecision(4));

/** Share of each layer's kernel weights per bin, trained (kept) and initial, over the same bins. */
export function weightHistogramChart(data: DistributionsIndex, { t }: ChartContext): ChartSpec {
  const trained = t('chart.weights.trained');
  const initial = t('chart.weights.initial');
  const values = data.weights.flatMap((w) =>
    ([[trained, w.trained], [initial, w.initial]] as const).flatMap(([series, counts]) =>
      counts.map((c, k) => ({ layer: w.layer, series, weight: round(w.start + (k + 0.5) * w.width), share: round(c / w.count) })),
    ),
  );
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title: t('chart.weights.title'),
    config: CHART_CONFIG,
    data: { values },
    facet: { row: { field: 'layer', type: 'nominal', title: t('chart.layer'), sort: data.weights.map((w) => w.layer) } },
    // Trained kernels spread further in some layers than others: each row keeps its own range.
    resolve: { scale: { x: 'independent', y: 'independent' } },
    spec: {
      width: CHART_WIDTH,
      height: ROW_HEIGHT,
      mark: { type: 'line', interpolate: 'step', strokeWidth: 1.5, aria: false },
      encoding: {
        x: { field: 'weight', type: 'quantitative', title: t('chart.weights.value'), axis: { tickCount: 5 } },
        y: { field: 'share', type: 'quantitative', title: t('chart.share'), axis: { format: '.0%', tickCount: 2 } },
        color: { field: 'series', type: 'nominal', title: t('chart.series'), scale: { domain: [trained, initial], range: [TRAIN_COLOR, VALIDATION_COLOR] }, legend: { orient: 'top' } },
        // Dashes as well as colours, so the two series read apart without colour; one legend shows both.
        strokeDash: { field: 'series', type: 'nominal', title: t('chart.series'), scale: { domain: [trained, initial], range: [[1, 0], [4, 3]] }, legend: { orient: 'top' } },
        tooltip: [
          { field: 'layer', type: 'nominal', title: t('chart.layer') },
          { field: 'series', type: 'nominal', title: t('chart.series') },
          { field: 'weight', type: 'quantitative', title: t('chart.weights.value'), format: '.3f' },
          { field: 'share', type: 'quantitative', title: t('chart.share'), format: '.2%' },
        ],
      },
    },
  };
}

/** Positive activations over the test set per layer, as a share of all of the layer's values; the row title gives the zeros. */
export function activationHistogramChart(data: DistributionsIndex, { t }: ChartContext): ChartSpec {
  const label = (a: DistributionsIndex['activations'][number]) => t('chart.activations.row', { layer: a.layer, zeros: Math.round((a.zeros / a.total) * 100) });
  const values = data.activations.flatMap((a) =>
    a.positive.counts.map((c, k) => ({ layer: label(a), from: round(a.positive.start + k * a.positive.width), to: round(a.positive.start + (k + 1) * a.positive.width), share: round(c / a.total) })),
  );
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title: t('chart.activations.title', { images: data.images }),
    config: CHART_CONFIG,
    data: { values },
    facet: { row: { field: 'layer', type: 'nominal', title: t('chart.layer'), sort: data.activations.map(label), header: { labelAngle: 0, labelAlign: 'left' } } },
    resolve: { scale: { x: 'independent', y: 'independent' } },
    spec: {
      width: CHART_WIDTH - 100,
      height: ROW_HEIGHT,
      mark: { type: 'rect', color: TRAIN_COLOR, aria: false },
      encoding: {
        x: { field: 'from', type: 'quantitative', title: t('chart.activations.value'), axis: { tickCount: 5 } },
        x2: { field: 'to' },
        y: { field: 'share', type: 'quantitative', title: t('chart.share'), scale: { type: 'sqrt' }, axis: { format: '.1%', tickCount: 2 } },
        tooltip: [
          { field: 'from', type: 'quantitative', title: t('chart.activations.from'), format: '.3f' },
          { field: 'to', type: 'quantitative', title: t('chart.activations.to'), format: '.3f' },
          { field: 'share', type: 'quantitative', title: t('chart.share'), format: '.3%' },
        ],
      },
    },
  };
}

/** Per channel (and per unit of the embedding layer, when the model has one), the share of test images on which it is 0 everywhere. */
export function deadShareChart(data: DistributionsIndex, { t }: ChartContext): ChartSpec {
  const values = data.activations.flatMap((a) => a.deadShare.map((share, channel) => ({ layer: a.layer, channel, share: round(share) })));
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title: t('chart.dead.title', { images: data.images }),
    config: CHART_CONFIG,
    data: { values },
    // Channel k spans [k, k + 1) on a quantitative axis: an ordinal one would write a (mostly empty) label per channel.
    transform: [{ calculate: 'datum.channel + 1', as: 'next' }],
    facet: { row: { field: 'layer', type: 'nominal', title: t('chart.layer'), sort: data.activations.map((a) => a.layer) } },
    resolve: { scale: { x: 'independent' } },
    spec: {
      width: CHART_WIDTH,
      height: ROW_HEIGHT,
      mark: { type: 'rect', color: VALIDATION_COLOR, aria: false },
      encoding: {
        x: { field: 'channel', type: 'quantitative', title: t('chart.channel'), scale: { nice: false, zero: true }, axis: { tickMinStep: 1, format: 'd' } },
        x2: { field: 'next' },
        y: { field: 'share', type: 'quantitative', title: t('chart.dead.share'), scale: { domain: [0, 1] }, axis: { format: '.0%', tickCount: 2 } },
        y2: { datum: 0 },
        tooltip: [
          { field: 'layer', type: 'nominal', title: t('chart.layer') },
          { field: 'channel', type: 'quantitative', title: t('chart.channel') },
          { field: 'share', type: 'quantitative', title: t('chart.dead.share'), format: '.1%' },
        ],
      },
    },
  };
}
