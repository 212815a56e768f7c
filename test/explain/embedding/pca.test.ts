import { describe, expect, it } from 'vitest';
import { pca2d } from '../../../pipeline/explain/embedding/pca';

describe('pca2d', () => {
  it('finds the axes of points spread along known directions, and how much variance each explains', () => {
    // Points a·u + b·v with u = (1, 1, 0)/√2 and v = (0, 0, 1); a has variance 9× b's, nothing else varies.
    const u = [Math.SQRT1_2, Math.SQRT1_2, 0];
    const pairs = [[-3, 1], [3, 1], [-3, -1], [3, -1], [0, 0]] as const;
    const codes = Float32Array.from(pairs.flatMap(([a, b]) => u.map((x, d) => a * x + (d === 2 ? b : 0) + 5)));
    const { coordinates, explained } = pca2d(codes, 3);
    expect(explained[0]).toBeCloseTo(0.9, 5);
    expect(explained[1]).toBeCloseTo(0.1, 5);
    pairs.forEach(([a, b], i) => {
      // Each axis is defined up to its sign.
      expect(Math.abs(coordinates[2 * i])).toBeCloseTo(Math.abs(a), 5);
      expect(Math.abs(coordinates[2 * i + 1])).toBeCloseTo(Math.abs(b), 5);
    });
  });

  it('refuses too few points', () => {
    expect(() => pca2d(new Float32Array(6), 3)).toThrow('at least 3 points');
  });
});
