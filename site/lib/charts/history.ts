import type { TrainingHistory } from '../../../pipeline/artifacts/types';
import { CHART_CONFIG, CHART_HEIGHT, CHART_WIDTH, TRAIN_COLOR, VALIDATION_COLOR, type ChartContext, type ChartSpec } from './common';

type Measure = 'loss' | 'accuracy';

/** Training vs validation per epoch, one line each; the best epoch is marked. */
function historyChart(history: TrainingHistory, measure: Measure, { t }: ChartContext): ChartSpec {
  const train = t('chart.train');
  const validation = t('chart.validation');
  const values = history.epochs.flatMap((e) => [
    { epoch: e.epoch, series: train, value: measure === 'loss' ? e.loss : e.accuracy },
    { epoch: e.epoch, series: validation, value: measure === 'loss' ? e.valLoss : e.valAccuracy },
  ]);
  // Both layers name the same domain, otherwise vega-lite unions it with a "nice" one that starts at 0.
  const xScale = { domain: [1, Math.max(2, history.epochs.length)], nice: false };
  const yTitle = t(measure === 'loss' ? 'chart.loss' : 'chart.accuracy');
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    // The tutorial titled its accuracy plot "Loss"; each chart here is titled after what it shows.
    title: t(measure === 'loss' ? 'chart.loss.title' : 'chart.accuracy.title'),
    width: CHART_WIDTH,
    height: CHART_HEIGHT,
    config: CHART_CONFIG,
    data: { values },
    layer: [
      {
        mark: { type: 'rule', strokeDash: [4, 4], color: '#777777' },
        data: { values: [{ epoch: history.bestEpoch }] },
        encoding: { x: { field: 'epoch', type: 'quantitative', scale: xScale } },
      },
      {
        mark: { type: 'line', point: true, strokeWidth: 2 },
        encoding: {
          x: { field: 'epoch', type: 'quantitative', title: t('chart.epoch'), axis: { tickMinStep: 1, format: 'd' }, scale: xScale },
          y: {
            field: 'value', type: 'quantitative', title: yTitle, scale: { zero: false },
            axis: measure === 'accuracy' ? { format: '.1%' } : {},
          },
          color: {
            field: 'series', type: 'nominal', title: t('chart.series'),
            scale: { domain: [train, validation], range: [TRAIN_COLOR, VALIDATION_COLOR] },
            legend: { orient: 'bottom' },
          },
          tooltip: [
            { field: 'series', type: 'nominal', title: t('chart.series') },
            { field: 'epoch', type: 'quantitative', title: t('chart.epoch') },
            { field: 'value', type: 'quantitative', title: yTitle, format: measure === 'accuracy' ? '.2%' : '.4f' },
          ],
        },
      },
    ],
  };
}

export function lossChart(history: TrainingHistory, ctx: ChartContext): ChartSpec {
  return historyChart(history, 'loss', ctx);
}

export function accuracyChart(history: TrainingHistory, ctx: ChartContext): ChartSpec {
  return historyChart(history, 'accuracy', ctx);
}
