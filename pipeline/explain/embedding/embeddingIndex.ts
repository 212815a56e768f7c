// The embedding's part of the artifact contract: explain/embedding/embedding.json (kind 'embedding-index')
// and the binary files it names, written by runEmbedding, read by the site (and a later live explorer,
// which places a drawn digit by its nearest neighbours among the codes).
import type { Extent } from '../../../shared/embedding/mapPoints';
import type { UmapSettings } from './umap';

export const EMBEDDING_DIR = 'explain/embedding';
export const EMBEDDING_INDEX_PATH = `${EMBEDDING_DIR}/embedding.json`;

export interface EmbeddingIndex {
  format: 'cnn-hidden-truth/embedding@1';
  count: number; // test images, in test-set order
  layer: string; // whose output the codes are
  dims: number;
  /** Float32 little-endian, row-major: codes count × dims; umap and pca count × 2. */
  files: { codes: string; umap: string; pca: string; points: string };
  umap: UmapSettings & { library: string };
  pca: { library: string; explained: [number, number] };
  /** Extents of each projection, which points.u16 is quantised over (shared/embedding/mapPoints.ts). */
  extents: { umap: Extent; pca: Extent };
  // No timings here (they are in the manifest), so the same inputs give the same bytes.
}

export const EMBEDDING_METRIC_NAMES = ['embedding_points', 'pca_explained', 'embedding_seconds', 'umap_seconds'] as const;
