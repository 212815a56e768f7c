import { CHART_CONFIG, TRAIN_COLOR, type ClassChartContext, type ChartSpec } from './common';

export interface SamplePrediction {
  index: number;
  label: number;
  probabilities: number[]; // one per class
}

/** For each sample, its three most probable classes, by name; one small panel per test image. */
export function top3Chart(samples: SamplePrediction[], { t, names }: ClassChartContext): ChartSpec {
  const long = names.some((n) => n.length > 3);
  const values = samples.flatMap((s) => {
    const ranked = s.probabilities.map((p, label) => ({ label, p })).sort((a, b) => b.p - a.p).slice(0, 3);
    return ranked.map((r, rank) => ({
      sample: `#${s.index} (${names[s.label]})`, order: samples.indexOf(s), rank: rank + 1, class: names[r.label], probability: r.p, correct: r.label === s.label,
    }));
  });
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title: t('chart.top3.title'),
    config: CHART_CONFIG,
    data: { values },
    facet: { field: 'sample', type: 'nominal', title: t('chart.sample'), sort: { field: 'order' } },
    columns: 4,
    // Each panel has its own three classes.
    resolve: { scale: { x: 'independent' } },
    spec: {
      width: long ? 120 : 100,
      height: 80,
      mark: { type: 'bar' },
      encoding: {
        // Names longer than a digit slant and widen the panel so three fit under it; very long ones end in an ellipsis.
        x: { field: 'class', type: 'nominal', title: null, sort: { field: 'rank' }, axis: { labelAngle: long ? -40 : 0, labelLimit: 90, labelOverlap: false } },
        y: { field: 'probability', type: 'quantitative', title: t('chart.probability'), scale: { domain: [0, 1] }, axis: { format: '.0%', tickCount: 3 } },
        color: { condition: { test: 'datum.correct', value: TRAIN_COLOR }, value: '#9ca3af' },
        tooltip: [
          { field: 'sample', type: 'nominal', title: t('chart.sample') },
          { field: 'class', type: 'nominal', title: t('chart.class') },
          { field: 'probability', type: 'quantitative', title: t('chart.probability'), format: '.2%' },
        ],
      },
    },
  };
}
