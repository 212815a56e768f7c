import type { ChannelStats } from '../../../pipeline/artifacts/types';
import { CHART_CONFIG, CHART_HEIGHT, CHART_WIDTH, TRAIN_COLOR, type ChartContext, type ChartSpec } from './common';

export const MEAN_ACTIVATION_DATA = 'channels';

/** Mean activation of every channel of one layer for one sample; dead channels stand out in grey. */
export function meanActivationChart(stats: ChannelStats[], layer: string, sample: number, { t }: ChartContext): ChartSpec {
  const dead = t('chart.dead');
  const alive = t('chart.alive');
  const values = stats.map((s) => ({ channel: s.channel, mean: s.mean, min: s.min, max: s.max, state: s.dead ? dead : alive }));
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title: t('chart.meanActivation.title', { layer, sample }),
    width: CHART_WIDTH,
    height: CHART_HEIGHT,
    config: CHART_CONFIG,
    // Named, so the page script can swap in another sample's values (site/scripts/charts.ts).
    data: { name: MEAN_ACTIVATION_DATA, values },
    mark: { type: 'bar' },
    encoding: {
      x: { field: 'channel', type: 'ordinal', title: t('chart.channel'), axis: { labelExpr: 'datum.value % 8 === 0 ? datum.label : ""', labelAngle: 0 } },
      y: { field: 'mean', type: 'quantitative', title: t('chart.meanActivation') },
      color: { field: 'state', type: 'nominal', title: t('chart.state'), scale: { domain: [alive, dead], range: [TRAIN_COLOR, '#9ca3af'] }, legend: { orient: 'bottom' } },
      tooltip: [
        { field: 'channel', type: 'ordinal', title: t('chart.channel') },
        { field: 'mean', type: 'quantitative', title: t('zoom.mean'), format: '.4f' },
        { field: 'min', type: 'quantitative', title: t('zoom.min'), format: '.4f' },
        { field: 'max', type: 'quantitative', title: t('zoom.max'), format: '.4f' },
        { field: 'state', type: 'nominal', title: t('chart.state') },
      ],
    },
  };
}
