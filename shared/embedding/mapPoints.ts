// The embedding map's compact point file (explain/embedding/points.u16), written by pipeline/explain/embedding
// and read by the page's script: shared so the two cannot disagree on the layout. Per test image, five
// little-endian uint16: UMAP x, UMAP y, PCA x, PCA y (each scaled to 0–65535 over its extent), then
// label · 256 + predicted. 10 bytes a point: the 10,000-point map loads as 100 kB.

export const POINT_FIELDS = 5;
const LEVELS = 65535;

/** [minX, maxX, minY, maxY] of n × 2 coordinates. */
export type Extent = [number, number, number, number];

export interface MapPoint {
  index: number;
  umap: [number, number];
  pca: [number, number];
  label: number;
  predicted: number;
}

export function extentOf(xy: Float32Array): Extent {
  let [x0, x1, y0, y1] = [Infinity, -Infinity, Infinity, -Infinity];
  for (let i = 0; i < xy.length; i += 2) {
    x0 = Math.min(x0, xy[i]); x1 = Math.max(x1, xy[i]);
    y0 = Math.min(y0, xy[i + 1]); y1 = Math.max(y1, xy[i + 1]);
  }
  if (!Number.isFinite(x0 + x1 + y0 + y1)) throw new Error('embedding: coordinates are empty or not finite');
  return [x0, x1, y0, y1];
}

const quantise = (v: number, lo: number, hi: number) => (hi > lo ? Math.round(((v - lo) / (hi - lo)) * LEVELS) : 0);
const restore = (q: number, lo: number, hi: number) => lo + (q / LEVELS) * (hi - lo);

export function encodePoints(umap: Float32Array, pca: Float32Array, labels: ArrayLike<number>, predicted: ArrayLike<number>, extents: { umap: Extent; pca: Extent }): Uint8Array {
  const n = labels.length;
  if (umap.length !== 2 * n || pca.length !== 2 * n || predicted.length !== n) throw new Error(`embedding: ${n} labels need ${2 * n} coordinates per projection and ${n} predictions`);
  const out = new DataView(new ArrayBuffer(n * POINT_FIELDS * 2));
  const [u, p] = [extents.umap, extents.pca];
  for (let i = 0; i < n; i++) {
    const fields = [quantise(umap[2 * i], u[0], u[1]), quantise(umap[2 * i + 1], u[2], u[3]), quantise(pca[2 * i], p[0], p[1]), quantise(pca[2 * i + 1], p[2], p[3]), labels[i] * 256 + predicted[i]];
    fields.forEach((v, f) => out.setUint16((i * POINT_FIELDS + f) * 2, v, true));
  }
  return new Uint8Array(out.buffer);
}

/** The points back, coordinates within 1/65535 of their extent of the originals. */
export function decodePoints(bytes: Uint8Array, extents: { umap: Extent; pca: Extent }): MapPoint[] {
  if (bytes.length % (POINT_FIELDS * 2) !== 0) throw new Error(`embedding points: ${bytes.length} bytes is not a whole number of ${POINT_FIELDS * 2}-byte points`);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const at = (i: number, f: number) => view.getUint16((i * POINT_FIELDS + f) * 2, true);
  const [u, p] = [extents.umap, extents.pca];
  return Array.from({ length: bytes.length / (POINT_FIELDS * 2) }, (_, i) => ({
    index: i,
    umap: [restore(at(i, 0), u[0], u[1]), restore(at(i, 1), u[2], u[3])],
    pca: [restore(at(i, 2), p[0], p[1]), restore(at(i, 3), p[2], p[3])],
    label: at(i, 4) >> 8,
    predicted: at(i, 4) & 255,
  }));
}
