import { describe, expect, it } from 'vitest';
import { decodePoints, encodePoints, extentOf } from '../../../shared/embedding/mapPoints';

describe('the embedding map\'s point file', () => {
  it('gives back labels, predictions and both maps within one step of 1/65535 of their extent, in 10 bytes a point', () => {
    const umap = Float32Array.from([0, 0, 10, -5, 3.3, 2]);
    const pca = Float32Array.from([-1, 1, 1, -1, 0.25, 0.5]);
    const extents = { umap: extentOf(umap), pca: extentOf(pca) };
    expect(extents.umap).toEqual([0, 10, -5, 2]);
    const bytes = encodePoints(umap, pca, [7, 2, 9], [7, 3, 9], extents);
    expect(bytes.length).toBe(30);
    const points = decodePoints(bytes, extents);
    expect(points.map((p) => [p.index, p.label, p.predicted])).toEqual([[0, 7, 7], [1, 2, 3], [2, 9, 9]]);
    points.forEach((p, i) => {
      expect(Math.abs(p.umap[0] - umap[2 * i])).toBeLessThanOrEqual(10 / 65535);
      expect(Math.abs(p.umap[1] - umap[2 * i + 1])).toBeLessThanOrEqual(7 / 65535);
      expect(Math.abs(p.pca[0] - pca[2 * i])).toBeLessThanOrEqual(2 / 65535);
    });
  });

  it('refuses a file that is not whole points, and coordinates that do not match the labels', () => {
    expect(() => decodePoints(new Uint8Array(11), { umap: [0, 1, 0, 1], pca: [0, 1, 0, 1] })).toThrow('not a whole number');
    expect(() => encodePoints(new Float32Array(2), new Float32Array(4), [1, 2], [1, 2], { umap: [0, 1, 0, 1], pca: [0, 1, 0, 1] })).toThrow('2 labels need 4 coordinates');
  });
});
