import type { Evaluation } from '../../../pipeline/artifacts/types';
import { CHART_CONFIG, CHART_HEIGHT, CHART_WIDTH, TRAIN_COLOR, VALIDATION_COLOR, type ChartContext, type ChartSpec } from './common';

/** Precision and recall side by side for each digit. */
export function perClassChart(evaluation: Evaluation, { t }: ChartContext): ChartSpec {
  const precision = t('chart.precision');
  const recall = t('chart.recall');
  const values = evaluation.perClass.flatMap((c) => [
    { digit: c.digit, measure: precision, value: c.precision, support: c.support },
    { digit: c.digit, measure: recall, value: c.recall, support: c.support },
  ]);
  const low = Math.min(...values.map((v) => v.value));
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title: t('chart.perClass.title'),
    width: CHART_WIDTH,
    height: CHART_HEIGHT,
    config: CHART_CONFIG,
    data: { values },
    // clip: the y axis starts above zero, so bars are cut at the axis.
    mark: { type: 'bar', clip: true },
    encoding: {
      x: { field: 'digit', type: 'ordinal', title: t('chart.digit'), axis: { labelAngle: 0 } },
      xOffset: { field: 'measure', type: 'nominal' },
      // Values sit close to 1, so the axis starts a little below the lowest one.
      y: { field: 'value', type: 'quantitative', title: t('chart.value'), axis: { format: '.0%' }, scale: { domain: [Math.max(0, Math.floor(low * 20) / 20 - 0.05), 1] } },
      color: { field: 'measure', type: 'nominal', title: t('chart.metric'), scale: { domain: [precision, recall], range: [TRAIN_COLOR, VALIDATION_COLOR] }, legend: { orient: 'bottom' } },
      tooltip: [
        { field: 'digit', type: 'ordinal', title: t('chart.digit') },
        { field: 'measure', type: 'nominal', title: t('chart.metric') },
        { field: 'value', type: 'quantitative', title: t('chart.value'), format: '.2%' },
        { field: 'support', type: 'quantitative', title: t('chart.count') },
      ],
    },
  };
}
