// The distributions' and embedding's part of the fake artifacts (issue #13): explain/distributions.json,
// explain/embedding/embedding.json and the point file the map loads.
import type { ArtifactFile } from '../../pipeline/artifacts/types';
import type { ModelDescription } from '../../pipeline/model/description';
import { TUTORIAL_DESCRIPTION } from '../model/tutorialDescription';
import type { DistributionsIndex } from '../../pipeline/explain/distributions/distributionsIndex';
import type { EmbeddingIndex } from '../../pipeline/explain/embedding/embeddingIndex';
import { encodePoints, extentOf } from '../../shared/embedding/mapPoints';

type Put = (rel: string, kind: ArtifactFile['kind'], data: string | Buffer, meta?: Record<string, unknown>) => Promise<void>;

/** Per weighted layer: name, weight count (kernel only, no biases) and output channels or units. */
function weightedLayers(model: ModelDescription): [string, number, number][] {
  return model.weighted.map((name) => {
    const layer = model.layers.find((l) => l.name === name)!;
    const out = layer.outputShape.at(-1)!;
    return [name, layer.params - out, out];
  });
}

export async function putFakeDistributions(put: Put, images: number, model: ModelDescription = TUTORIAL_DESCRIPTION): Promise<DistributionsIndex> {
  const LAYERS = weightedLayers(model);
  // Activations of every convolution and of the embedding layer, as the pipeline measures them.
  const measured = LAYERS.filter(([name]) => model.convolutions.includes(name) || name === model.embedding);
  const bins = (n: number, peak: number) => Array.from({ length: n }, (_, k) => Math.round(1000 * Math.exp(-((k - peak) ** 2) / 40)));
  const index: DistributionsIndex = {
    format: 'cnn-hidden-truth/distributions@1', images, seed: 42, mostlyDead: 0.9,
    weights: LAYERS.map(([layer, count]) => {
      const trained = bins(48, 24).map((c) => Math.round((c * count) / 12000));
      const initial = bins(48, 24).map((c, k) => (k > 12 && k < 36 ? Math.round(count / 23) : 0 * c));
      return { layer, count, start: -0.5, width: 1 / 48, trained, initial, trainedStats: { mean: 0, std: 0.1, min: -0.5, max: 0.5 }, initialStats: { mean: 0, std: 0.08, min: -0.25, max: 0.25 } };
    }),
    activations: measured.map(([layer, , channels]) => ({
      layer, total: images * channels * 10, zeros: images * channels * 6, max: 4, positive: { start: 0, width: 0.125, counts: bins(32, 2) },
      deadShare: Array.from({ length: channels }, (_, c) => (c % 13 === 4 ? 1 : (c % 7) / 10)),
    })),
  };
  await put('explain/distributions.json', 'distributions', JSON.stringify(index));
  return index;
}

export async function putFakeEmbedding(put: Put, labels: number[], predicted: number[], model: ModelDescription = TUTORIAL_DESCRIPTION): Promise<EmbeddingIndex> {
  const layer = model.layers.find((l) => l.name === model.embedding);
  const dims = layer?.outputShape.at(-1) ?? 128;
  const count = labels.length;
  // Each digit on its own circle arc, so the fake map looks like clusters.
  const umap = Float32Array.from(labels.flatMap((l, i) => [Math.cos(l * 0.63) * 10 + (i % 7) / 7, Math.sin(l * 0.63) * 10 + (i % 5) / 5]));
  const pca = Float32Array.from(labels.flatMap((l, i) => [l - 4.5 + (i % 3) / 3, (i % 11) - 5]));
  const extents = { umap: extentOf(umap), pca: extentOf(pca) };
  const dir = 'explain/embedding';
  const index: EmbeddingIndex = {
    format: 'cnn-hidden-truth/embedding@1', count, layer: model.embedding ?? 'dense', dims,
    files: { codes: `${dir}/codes.f32`, umap: `${dir}/umap.f32`, pca: `${dir}/pca.f32`, points: `${dir}/points.u16` },
    umap: { neighbors: 15, minDist: 0.1, epochs: 200, seed: 42, library: 'umap-js 1.4.0' },
    pca: { library: 'ml-pca 4.1.1', explained: [0.31, 0.18] },
    extents,
  };
  await put(index.files.codes, 'embedding-codes', Buffer.alloc(count * dims * 4));
  await put(index.files.umap, 'embedding-coordinates', Buffer.from(umap.buffer));
  await put(index.files.pca, 'embedding-coordinates', Buffer.from(pca.buffer));
  await put(index.files.points, 'embedding-points', Buffer.from(encodePoints(umap, pca, labels, predicted, extents)));
  await put(`${dir}/embedding.json`, 'embedding-index', JSON.stringify(index));
  return index;
}
