import { describe, expect, it } from 'vitest';
import type { DistributionsIndex } from '../../pipeline/explain/distributions/distributionsIndex';
import { activationHistogramChart, deadShareChart, weightHistogramChart } from '../../site/lib/charts/distributions';
import { embeddingMapChart, mapRows } from '../../site/lib/charts/embeddingMap';
import { translator } from '../../site/lib/i18n';
import { mnistClasses } from '../../shared/data/classes';

const t = translator('en');
const stats = { mean: 0, std: 1, min: -1, max: 1 };
const data: DistributionsIndex = {
  format: 'cnn-hidden-truth/distributions@1', images: 10, seed: 1, mostlyDead: 0.9,
  weights: [{ layer: 'conv2d', count: 4, start: -1, width: 1, trained: [1, 3], initial: [2, 2], trainedStats: stats, initialStats: stats }],
  activations: [{ layer: 'conv2d', total: 40, zeros: 30, max: 2, positive: { start: 0, width: 0.5, counts: [6, 0, 3, 1] }, deadShare: [0, 0.5, 1] }],
};
type Values = { values: Record<string, unknown>[] };

describe('distribution charts', () => {
  it('give each weight bin its share of the layer\'s weights at the bin centre, trained and initial', () => {
    const spec = weightHistogramChart(data, { t });
    expect((spec.data as Values).values).toEqual([
      { layer: 'conv2d', series: t('chart.weights.trained'), weight: -0.5, share: 0.25 },
      { layer: 'conv2d', series: t('chart.weights.trained'), weight: 0.5, share: 0.75 },
      { layer: 'conv2d', series: t('chart.weights.initial'), weight: -0.5, share: 0.5 },
      { layer: 'conv2d', series: t('chart.weights.initial'), weight: 0.5, share: 0.5 },
    ]);
  });

  it('show positive activations as shares of all values, with the zeros\' share in the row label', () => {
    const spec = activationHistogramChart(data, { t });
    const values = (spec.data as Values).values;
    expect(values.map((v) => [v.from, v.to, v.share])).toEqual([[0, 0.5, 0.15], [0.5, 1, 0], [1, 1.5, 0.075], [1.5, 2, 0.025]]);
    expect(values[0].layer).toBe('conv2d: 75% zeros');
    expect(String(spec.title)).toContain('10 test images');
  });

  it('give one bar per channel with its dead share, in the page language', () => {
    const spec = deadShareChart(data, { t: translator('zh') });
    expect((spec.data as Values).values).toEqual([0, 0.5, 1].map((share, channel) => ({ layer: 'conv2d', channel, share })));
    expect(String(spec.title)).toContain('死亡');
  });
});

describe('embedding map chart', () => {
  const points = [
    { index: 0, umap: [1.23456, 2] as [number, number], pca: [3, 4] as [number, number], label: 7, predicted: 7 },
    { index: 1, umap: [5, 6] as [number, number], pca: [7, 8] as [number, number], label: 2, predicted: 3 },
  ];

  it('keeps both projections in each row, rounded to four digits', () => {
    expect(mapRows(points)).toEqual([
      { index: 0, ux: 1.235, uy: 2, px: 3, py: 4, label: 7, predicted: 7 },
      { index: 1, ux: 5, uy: 6, px: 7, py: 8, label: 2, predicted: 3 },
    ]);
  });

  it('binds a UMAP / PCA switch with localised labels and marks misclassified digits by shape', () => {
    const spec = embeddingMapChart(mapRows(points), { t: translator('zh'), names: mnistClasses().zh }, { layer: 'dense', units: 128 }) as unknown as {
      title: string;
      params: { name: string; bind: { options: string[]; labels: string[] } }[];
      transform: { calculate: string; as: string }[];
      encoding: { shape: { scale: { domain: string[]; range: string[] } } };
    };
    expect(spec.params[0]).toMatchObject({ name: 'projection', bind: { options: ['umap', 'pca'], labels: ['UMAP', 'PCA'] } });
    expect(spec.transform.find((x) => x.as === 'x')?.calculate).toContain('datum.px');
    expect(spec.encoding.shape.scale).toEqual({ domain: ['正确', '分错'], range: ['circle', 'cross'] });
    expect(spec.title).toBe('按 dense 层 128 个输出排布的测试集');
  });

  it('names the embedding layer and its size in the title, for any model', () => {
    const spec = embeddingMapChart(mapRows(points), { t: translator('en'), names: mnistClasses().en }, { layer: 'global_average_pooling2d', units: 48 });
    expect(spec.title).toBe('The test set arranged by the global_average_pooling2d layer\'s 48 values');
  });
});
