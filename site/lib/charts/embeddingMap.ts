// The embedding map: every test image placed by UMAP (or PCA) from its code at the model's embedding
// layer (the description's `embedding`: the last hidden Dense, or the global pooling), coloured by its
// true class (by name), misclassified ones as crosses. The page's script swaps in all points (explain/embedding/points.u16)
// and adds the test image to the tooltip; the build draws a sample of them for readers without JavaScript.
import type { MapPoint } from '../../../shared/embedding/mapPoints';
import { CHART_CONFIG, type ChartContext, type ChartSpec, type ClassChartContext } from './common';

/** The name of the points' data set in the spec, which site/scripts/embeddingMap.ts fills. */
export const EMBEDDING_DATA = 'points';
export const PROJECTIONS = ['umap', 'pca'] as const;

/** One row of the map's data: both projections, so the toggle needs no reload. */
export interface MapRow {
  index: number;
  ux: number;
  uy: number;
  px: number;
  py: number;
  label: number;
  predicted: number;
}

// Four digits are finer than a pixel of the chart.
const round = (v: number) => Number(v.toPrecision(4));

export function mapRows(points: MapPoint[]): MapRow[] {
  return points.map((p) => ({ index: p.index, ux: round(p.umap[0]), uy: round(p.umap[1]), px: round(p.pca[0]), py: round(p.pca[1]), label: p.label, predicted: p.predicted }));
}

/** The labels the map's rows carry, in the page's language (the script reuses them for every point). */
export function statusLabels({ t }: ChartContext): { correct: string; wrong: string } {
  return { correct: t('chart.embedding.correct'), wrong: t('chart.embedding.wrong') };
}

/**
 * How the map colours the classes, by count: category10 for up to ten (MNIST's look), tableau20 for up to
 * twenty (ten hue pairs, the largest categorical scheme Vega has), and beyond that viridis sampled in
 * label order with no legend: a hundred swatches would be a legend longer than the map, and neighbouring
 * hues could not be told apart anyway. The figure then says so in a note (chart.embedding.colourNote) and
 * each point's tooltip names its class.
 */
export function classColours(count: number): { scheme: 'category10' | 'tableau20' | 'viridis'; legend: boolean } {
  if (count <= 10) return { scheme: 'category10', legend: true };
  if (count <= 20) return { scheme: 'tableau20', legend: true };
  return { scheme: 'viridis', legend: false };
}

/** `embedding`: the layer the codes come from and how many values each code has (for the title). */
export function embeddingMapChart(rows: MapRow[], ctx: ClassChartContext, embedding: { layer: string; units: number }): ChartSpec {
  const { t, names } = ctx;
  const colours = classColours(names.length);
  // The rows carry label numbers (the script rebuilds them from the point file); the spec turns them into names.
  const nameOf = (field: string) => `${JSON.stringify(names)}[datum.${field}]`;
  const { correct, wrong } = statusLabels(ctx);
  const hidden = { title: null, labels: false, ticks: false, domain: false, grid: false };
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title: t('chart.embedding.title', embedding),
    width: 520,
    height: 440,
    config: CHART_CONFIG,
    data: { name: EMBEDDING_DATA, values: rows },
    params: [{
      name: 'projection', value: 'umap',
      bind: { input: 'radio', options: [...PROJECTIONS], labels: [t('chart.embedding.umap'), t('chart.embedding.pca')], name: `${t('chart.embedding.projection')} ` },
    }],
    transform: [
      { calculate: "projection === 'pca' ? datum.px : datum.ux", as: 'x' },
      { calculate: "projection === 'pca' ? datum.py : datum.uy", as: 'y' },
      { calculate: nameOf('label'), as: 'class' },
      { calculate: nameOf('predicted'), as: 'predictedClass' },
      { calculate: `datum.label === datum.predicted ? ${JSON.stringify(correct)} : ${JSON.stringify(wrong)}`, as: 'status' },
      // Misclassified images last, so they are drawn on top.
      { calculate: 'datum.label === datum.predicted ? 0 : 1', as: 'top' },
    ],
    mark: { type: 'point', filled: true, strokeWidth: 1.5, aria: false },
    encoding: {
      // The coordinates have no unit: only neighbourhoods mean something, so the axes carry no numbers.
      x: { field: 'x', type: 'quantitative', axis: hidden, scale: { zero: false } },
      y: { field: 'y', type: 'quantitative', axis: hidden, scale: { zero: false } },
      color: { field: 'class', type: colours.legend ? 'nominal' : 'ordinal', title: t('chart.trueLabel'), scale: { domain: [...names], scheme: colours.scheme }, ...(colours.legend ? {} : { legend: null }) },
      shape: { field: 'status', type: 'nominal', title: t('chart.embedding.status'), scale: { domain: [correct, wrong], range: ['circle', 'cross'] } },
      size: { condition: { test: 'datum.label !== datum.predicted', value: 70 }, value: 12 },
      opacity: { condition: { test: 'datum.label !== datum.predicted', value: 1 }, value: 0.55 },
      order: { field: 'top', type: 'quantitative' },
      tooltip: [
        { field: 'index', type: 'quantitative', title: t('chart.sample') },
        { field: 'class', type: 'nominal', title: t('chart.trueLabel') },
        { field: 'predictedClass', type: 'nominal', title: t('chart.predictedLabel') },
      ],
    },
  };
}
