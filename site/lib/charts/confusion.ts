import type { Evaluation } from '../../../pipeline/artifacts/types';
import { classAxis, classAxisLayout } from './classAxis';
import { CHART_CONFIG, type ClassChartContext, type ChartSpec } from './common';

/** Cells at least this wide carry their count as text; smaller ones (many classes) leave it to the tooltip. */
const MIN_CELL_FOR_TEXT = 24;

/**
 * Heatmap of confusion[true][predicted], both axes the class names in label order; a log-like colour
 * scale keeps the few errors visible next to the diagonal. The matrix grows with the class count
 * (classAxisLayout), so 100 classes still get a 10-pixel cell each.
 */
export function confusionChart(evaluation: Evaluation, { t, names }: ClassChartContext): ChartSpec {
  if (evaluation.confusion.length !== names.length) throw new Error(`the confusion matrix has ${evaluation.confusion.length} rows but the data has ${names.length} classes`);
  const values = evaluation.confusion.flatMap((row, truth) => row.map((count, predicted) => ({ truth: names[truth], predicted: names[predicted], count })));
  const max = Math.max(1, ...values.map((v) => v.count));
  const layout = classAxisLayout(names);
  const size = Math.max(360, layout.step * names.length);
  const domain = [...names];
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title: t('chart.confusion.title'),
    width: size,
    height: size,
    config: CHART_CONFIG,
    data: { values },
    encoding: {
      x: { field: 'predicted', type: 'ordinal', title: t('chart.predictedLabel'), scale: { domain }, sort: domain, axis: { ...classAxis(layout), orient: 'top' } },
      y: { field: 'truth', type: 'ordinal', title: t('chart.trueLabel'), scale: { domain }, sort: domain, axis: { ...classAxis(layout), labelAngle: 0 } },
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
            { field: 'truth', type: 'nominal', title: t('chart.trueLabel') },
            { field: 'predicted', type: 'nominal', title: t('chart.predictedLabel') },
            { field: 'count', type: 'quantitative', title: t('chart.count') },
          ],
        },
      },
      ...(size / names.length >= MIN_CELL_FOR_TEXT ? [{
        mark: { type: 'text' as const, fontSize: names.length > 10 ? 9 : 11 },
        transform: [{ filter: 'datum.count > 0' }],
        encoding: {
          text: { field: 'count', type: 'quantitative' as const },
          // Dark cells get white text so the numbers stay readable (the colour scale is symlog, so compare in log space).
          color: { condition: { test: `log(1 + datum.count) / log(${1 + max}) > 0.65`, value: '#ffffff' }, value: '#111111' },
        },
      }] : []),
    ],
  };
}
