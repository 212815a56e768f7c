import { describe, expect, it } from 'vitest';
import { rankCorrelation } from '../../pipeline/explain/spearman';

describe('rank correlation', () => {
  it('is 1 for any increasing relation and −1 for a decreasing one', () => {
    expect(rankCorrelation([1, 2, 3, 4], [1, 8, 27, 64]).rho).toBeCloseTo(1);
    expect(rankCorrelation([1, 2, 3, 4], [4, 3, 2, 1]).rho).toBeCloseTo(-1);
  });

  it('uses mid-ranks for ties, as maps with a black background have many', () => {
    // ranks of x: 1.5, 1.5, 3, 4; of y: 1, 2, 3, 4 → Pearson of the ranks
    expect(rankCorrelation([0, 0, 1, 2], [1, 2, 3, 4]).rho).toBeCloseTo(0.9486833, 6);
  });

  it('counts a constant map as uncorrelated and says it was constant', () => {
    expect(rankCorrelation([0, 0, 0], [1, 2, 3])).toEqual({ rho: 0, constant: true });
  });

  it('refuses maps of different sizes', () => {
    expect(() => rankCorrelation([1, 2], [1, 2, 3])).toThrow(/same size/);
  });
});
