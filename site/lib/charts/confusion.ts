import type { Evaluation } from '../../../pipeline/artifacts/types';
import { CHART_CONFIG, type ChartContext, type ChartSpec } from './common';

/** Heatmap of confusion[true][predicted]; a log-like colour scale keeps the few errors visible next to the diagonal. */
export function confusionChart(evaluation: Evaluation, { t }: ChartContext): ChartSpec {
  const values = evaluation.confusion.flatMap((row, truth) => row.map((count, predicted) => ({ truth, predicted, count })));
  const max = Math.max(1, ...values.map((v) => v.count));
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title: t('chart.confusion.title'),
    width: 360,
    height: 360,
    config: CHART_CONFIG,
    data: { values },
    encoding: {
      x: { field: 'predicted', type: 'ordinal', title: t('chart.predictedLabel'), axis: { labelAngle: 0, orient: 'top' } },
      y: { field: 'truth', type: 'ordinal', title: t('chart.trueLabel') },
    },
    layer: [
      {
        mark: { type: 'rect' },
        encoding: {
          color: {
            field: 'count', type: 'quantitative', title: t('chart.count'),
            scale: { type: 'symlog', range: ['#f7fbff', '#08306b'], domain: [0, max] },
            legend: { values: [0, 1, 10, 100, 1000, 10000].filter((v) => v <= max) },
          },
          tooltip: [
            { field: 'truth', type: 'ordinal', title: t('chart.trueLabel') },
            { field: 'predicted', type: 'ordinal', title: t('chart.predictedLabel') },
            { field: 'count', type: 'quantitative', title: t('chart.count') },
          ],
        },
      },
      {
        mark: { type: 'text', fontSize: 11 },
        transform: [{ filter: 'datum.count > 0' }],
        encoding: {
          text: { field: 'count', type: 'quantitative' },
          // Dark cells get white text so the numbers stay readable (the colour scale is symlog, so compare in log space).
          color: { condition: { test: `log(1 + datum.count) / log(${1 + max}) > 0.65`, value: '#ffffff' }, value: '#111111' },
        },
      },
    ],
  };
}
