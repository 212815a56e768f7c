// PCA, the linear baseline for the UMAP map: the codes projected on their first two principal axes (ml-pca).
import { PCA } from 'ml-pca';
import { rowsOf } from './denseCodes';

/** n × 2 coordinates (row-major) and the share of the variance each of the two axes explains. */
export function pca2d(codes: Float32Array, dims: number): { coordinates: Float32Array; explained: [number, number] } {
  const n = codes.length / dims;
  if (!Number.isInteger(n) || n < 3) throw new Error(`PCA: needs at least 3 points of ${dims} values, got ${codes.length} values`);
  const rows = rowsOf(codes, dims);
  const pca = new PCA(rows, { center: true, scale: false });
  const projected = pca.predict(rows, { nComponents: 2 }).to2DArray();
  const [a, b] = pca.getExplainedVariance();
  return { coordinates: Float32Array.from(projected.flat()), explained: [a, b ?? 0] };
}
