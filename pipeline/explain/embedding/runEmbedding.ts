// The embedding stage: every test image's code at the embedding layer (description.embedding; the
// tutorial's `dense`), projected to 2-D with UMAP (seeded) and PCA. Codes and both projections stay in
// the artifacts as float32; the site reads a compact quantised copy. A model with neither a hidden
// Dense nor a global pooling has no embedding: the stage then writes nothing.
import type * as tfl from '@tensorflow/tfjs-layers';
import type { ArtifactFile } from '../../artifacts/types';
import type { ModelDescription } from '../../model/description';
import { installedVersions } from '../../artifacts/versions';
import { encodePoints, extentOf } from '../../../shared/embedding/mapPoints';
import { artifactWriter } from '../../visualize/writeArtifact';
import { denseCodes } from './denseCodes';
import { EMBEDDING_DIR, EMBEDDING_INDEX_PATH, type EmbeddingIndex } from './embeddingIndex';
import { pca2d } from './pca';
import { umap2d, UMAP_DEFAULTS } from './umap';

export interface EmbeddingContext {
  model: tfl.LayersModel;
  description: ModelDescription;
  test: { images: Float32Array; labels: Int32Array; count: number };
  predicted: Int32Array;
  seed: number;
  outDir: string;
  log: (line: string) => void;
}

const bytesOf = (values: Float32Array) => new Uint8Array(values.buffer, values.byteOffset, values.byteLength);

export async function runEmbedding({ model, description, test, predicted, seed, outDir, log }: EmbeddingContext): Promise<{ files: ArtifactFile[]; metrics: Record<string, number> }> {
  const CODE_LAYER = description.embedding;
  if (CODE_LAYER === null) {
    log('embedding: the model has no hidden Dense layer and no global pooling to read codes from; no embedding map');
    return { files: [], metrics: {} };
  }
  const clock = () => performance.now() / 1000;
  const t0 = clock();
  const { codes, dims } = denseCodes(model, test.images, test.count, CODE_LAYER, description.input);
  const t1 = clock();
  log(`embedding: ${test.count} codes of ${dims} values from ${CODE_LAYER} in ${(t1 - t0).toFixed(1)} s; UMAP…`);
  const settings = { ...UMAP_DEFAULTS, seed };
  const umap = umap2d(codes, dims, settings);
  const t2 = clock();
  const pca = pca2d(codes, dims);
  const t3 = clock();
  const extents = { umap: extentOf(umap), pca: extentOf(pca.coordinates) };
  const files = { codes: `${EMBEDDING_DIR}/codes.f32`, umap: `${EMBEDDING_DIR}/umap.f32`, pca: `${EMBEDDING_DIR}/pca.f32`, points: `${EMBEDDING_DIR}/points.u16` };
  const write = artifactWriter(outDir);
  const versions = installedVersions(['umap-js', 'ml-pca']);
  const written = [
    await write(files.codes, bytesOf(codes), 'embedding-codes', { shape: [test.count, dims], layer: CODE_LAYER, encoding: 'float32 LE' }),
    await write(files.umap, bytesOf(umap), 'embedding-coordinates', { shape: [test.count, 2], projection: 'umap', encoding: 'float32 LE' }),
    await write(files.pca, bytesOf(pca.coordinates), 'embedding-coordinates', { shape: [test.count, 2], projection: 'pca', encoding: 'float32 LE' }),
    await write(files.points, encodePoints(umap, pca.coordinates, test.labels, predicted, extents), 'embedding-points', { count: test.count, encoding: 'shared/embedding/mapPoints.ts' }),
  ];
  const index: EmbeddingIndex = {
    format: 'cnn-hidden-truth/embedding@1',
    count: test.count,
    layer: CODE_LAYER,
    dims,
    files,
    umap: { ...settings, library: `umap-js ${versions['umap-js']}` },
    pca: { library: `ml-pca ${versions['ml-pca']}`, explained: pca.explained },
    extents,
  };
  written.push(await write(EMBEDDING_INDEX_PATH, JSON.stringify(index), 'embedding-index', { count: test.count }));
  const seconds = clock() - t0;
  log(`embedding: UMAP of ${test.count} points in ${(t2 - t1).toFixed(1)} s, PCA in ${(t3 - t2).toFixed(1)} s (${((pca.explained[0] + pca.explained[1]) * 100).toFixed(0)}% of the variance), ${seconds.toFixed(1)} s`);
  return {
    files: written,
    metrics: { embedding_points: test.count, pca_explained: pca.explained[0] + pca.explained[1], embedding_seconds: seconds, umap_seconds: t2 - t1 },
  };
}
