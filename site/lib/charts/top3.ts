import { CHART_CONFIG, TRAIN_COLOR, type ChartContext, type ChartSpec } from './common';

export interface SamplePrediction {
  index: number;
  label: number;
  probabilities: number[]; // 10 values
}

/** For each sample, its three most probable digits; one small panel per test image. */
export function top3Chart(samples: SamplePrediction[], { t }: ChartContext): ChartSpec {
  const values = samples.flatMap((s) => {
    const ranked = s.probabilities.map((p, digit) => ({ digit, p })).sort((a, b) => b.p - a.p).slice(0, 3);
    return ranked.map((r, rank) => ({
      sample: `#${s.index} (${s.label})`, order: samples.indexOf(s), rank: rank + 1, digit: String(r.digit), probability: r.p, correct: r.digit === s.label,
    }));
  });
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title: t('chart.top3.title'),
    config: CHART_CONFIG,
    data: { values },
    facet: { field: 'sample', type: 'nominal', title: t('chart.sample'), sort: { field: 'order' } },
    columns: 4,
    // Each panel has its own three digits.
    resolve: { scale: { x: 'independent' } },
    spec: {
      width: 100,
      height: 80,
      mark: { type: 'bar' },
      encoding: {
        x: { field: 'digit', type: 'nominal', title: null, sort: { field: 'rank' }, axis: { labelAngle: 0 } },
        y: { field: 'probability', type: 'quantitative', title: t('chart.probability'), scale: { domain: [0, 1] }, axis: { format: '.0%', tickCount: 3 } },
        color: { condition: { test: 'datum.correct', value: TRAIN_COLOR }, value: '#9ca3af' },
        tooltip: [
          { field: 'sample', type: 'nominal', title: t('chart.sample') },
          { field: 'digit', type: 'nominal', title: t('chart.digit') },
          { field: 'probability', type: 'quantitative', title: t('chart.probability'), format: '.2%' },
        ],
      },
    },
  };
}
