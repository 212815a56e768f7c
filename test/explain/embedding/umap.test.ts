import { describe, expect, it } from 'vitest';
import { umap2d, UMAP_DEFAULTS } from '../../../pipeline/explain/embedding/umap';
import { mulberry32 } from '../../../pipeline/train/random';

/** 120 points of 16 values in three clusters. */
function clusters(): Float32Array {
  const random = mulberry32(1);
  return Float32Array.from({ length: 120 * 16 }, (_, i) => Math.floor(i / 16) % 3 * 4 + random());
}

describe('umap2d', () => {
  const settings = { ...UMAP_DEFAULTS, epochs: 100 };

  it('gives the identical map for the same seed and a different one for another seed', () => {
    const codes = clusters();
    const a = umap2d(codes, 16, { ...settings, seed: 42 });
    const b = umap2d(codes, 16, { ...settings, seed: 42 });
    const c = umap2d(codes, 16, { ...settings, seed: 43 });
    expect(a).toHaveLength(240);
    expect(Array.from(b)).toEqual(Array.from(a));
    expect(Array.from(c)).not.toEqual(Array.from(a));
  });

  it('keeps the clusters apart: each point is nearer the centre of its own cluster', () => {
    const xy = umap2d(clusters(), 16, { ...settings, seed: 7 });
    const centre = [0, 1, 2].map((k) => {
      const members = Array.from({ length: 40 }, (_, j) => 3 * j + k);
      return [0, 1].map((d) => members.reduce((s, i) => s + xy[2 * i + d], 0) / 40);
    });
    const nearest = (i: number) => [0, 1, 2].map((k) => Math.hypot(xy[2 * i] - centre[k][0], xy[2 * i + 1] - centre[k][1])).reduce((best, d, k, all) => (d < all[best] ? k : best), 0);
    expect(Array.from({ length: 120 }, (_, i) => nearest(i))).toEqual(Array.from({ length: 120 }, (_, i) => i % 3));
  });

  it('refuses fewer points than the neighbour count', () => {
    expect(() => umap2d(new Float32Array(10 * 4), 4, { ...settings, seed: 1 })).toThrow('needs more than 15 points');
  });
});
