import type { Evaluation } from '../../../pipeline/artifacts/types';
import { classAxis, classAxisLayout } from './classAxis';
import { CHART_CONFIG, CHART_HEIGHT, CHART_WIDTH, TRAIN_COLOR, VALIDATION_COLOR, type ClassChartContext, type ChartSpec } from './common';

/** Up to this many classes the bars stand side by side; more lie down, one row per class, so every name reads level. */
export const MAX_UPRIGHT_CLASSES = 20;
/** Pixels per class when the bars lie down (two bars of 6 px each). */
const ROW_PER_CLASS = 14;

/** Precision and recall side by side for each class, classes by name in label order. */
export function perClassChart(evaluation: Evaluation, { t, names }: ClassChartContext): ChartSpec {
  const precision = t('chart.precision');
  const recall = t('chart.recall');
  const values = evaluation.perClass.flatMap((c) => [
    { class: names[c.digit], label: c.digit, measure: precision, value: c.precision, support: c.support },
    { class: names[c.digit], label: c.digit, measure: recall, value: c.recall, support: c.support },
  ]);
  const low = Math.min(...values.map((v) => v.value));
  const domain = [...names];
  const layout = classAxisLayout(names);
  const upright = names.length <= MAX_UPRIGHT_CLASSES;
  const classes = { field: 'class', type: 'ordinal' as const, title: t('chart.class'), scale: { domain }, sort: domain };
  // Values sit close to 1, so the value axis starts a little below the lowest one.
  const measured = { field: 'value', type: 'quantitative' as const, title: t('chart.value'), axis: { format: '.0%' }, scale: { domain: [Math.max(0, Math.floor(low * 20) / 20 - 0.05), 1] } };
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title: t('chart.perClass.title'),
    width: upright ? Math.max(CHART_WIDTH, layout.step * 1.5 * names.length) : CHART_WIDTH,
    height: upright ? CHART_HEIGHT : ROW_PER_CLASS * names.length,
    config: CHART_CONFIG,
    data: { values },
    // clip: the value axis starts above zero, so bars are cut at the axis.
    mark: { type: 'bar', clip: true },
    encoding: {
      ...(upright
        ? { x: { ...classes, axis: classAxis(layout) }, xOffset: { field: 'measure', type: 'nominal' }, y: measured }
        : { y: { ...classes, axis: { ...classAxis(layout), labelAngle: 0, labelFontSize: 11 } }, yOffset: { field: 'measure', type: 'nominal' }, x: { ...measured, axis: { format: '.0%', orient: 'top' } } }),
      color: { field: 'measure', type: 'nominal', title: t('chart.metric'), scale: { domain: [precision, recall], range: [TRAIN_COLOR, VALIDATION_COLOR] }, legend: { orient: 'bottom' } },
      tooltip: [
        { field: 'class', type: 'nominal', title: t('chart.class') },
        { field: 'measure', type: 'nominal', title: t('chart.metric') },
        { field: 'value', type: 'quantitative', title: t('chart.value'), format: '.2%' },
        { field: 'support', type: 'quantitative', title: t('chart.count') },
      ],
    },
  } as ChartSpec;
}
