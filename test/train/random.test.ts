import { describe, expect, it } from 'vitest';
import { mulberry32, seedMathRandom, shuffledIndices } from '../../pipeline/train/random';

describe('mulberry32', () => {
  it('repeats its sequence for a seed, differs for another, and stays in [0, 1)', () => {
    const take = (seed: number) => Array.from({ length: 1000 }, mulberry32(seed));
    const a = take(42);
    expect(take(42)).toEqual(a);
    expect(take(43)).not.toEqual(a);
    expect(a.every((v) => v >= 0 && v < 1)).toBe(true);
    expect(new Set(a).size).toBe(1000);
    const mean = a.reduce((s, v) => s + v, 0) / a.length;
    expect(mean).toBeGreaterThan(0.45);
    expect(mean).toBeLessThan(0.55);
  });

  it('keeps its published sequence, so a seed names the same run in every version', () => {
    const next = mulberry32(42);
    expect([next(), next(), next()]).toEqual([0.6011037519201636, 0.44829055899754167, 0.8524657934904099]);
  });

  it('treats seeds as unsigned 32-bit integers', () => {
    expect(mulberry32(-1)()).toBe(mulberry32(2 ** 32 - 1)());
    expect(mulberry32(2 ** 32 + 5)()).toBe(mulberry32(5)());
  });
});

describe('shuffledIndices', () => {
  it('is a permutation of 0…n−1 driven by the generator', () => {
    const order = Array.from(shuffledIndices(50, mulberry32(1)));
    expect([...order].sort((x, y) => x - y)).toEqual(Array.from({ length: 50 }, (_, i) => i));
    expect(order).not.toEqual(Array.from({ length: 50 }, (_, i) => i));
    expect(Array.from(shuffledIndices(50, mulberry32(1)))).toEqual(order);
  });

  it('follows Fisher–Yates: each swap takes j = floor(random · (i + 1))', () => {
    // A generator returning 0 always swaps with the first element: [1, 2, 3, 0] for n = 4.
    expect(Array.from(shuffledIndices(4, () => 0))).toEqual([1, 2, 3, 0]);
    // Just below 1 picks j = i: nothing moves.
    expect(Array.from(shuffledIndices(4, () => 0.999))).toEqual([0, 1, 2, 3]);
    expect(Array.from(shuffledIndices(1, () => 0))).toEqual([0]);
    let calls = 0;
    shuffledIndices(10, () => (calls++, 0.5));
    expect(calls).toBe(9); // one draw per swap, none for the last element
    expect(Array.from(shuffledIndices(0, () => 0))).toEqual([]);
  });
});

describe('seedMathRandom', () => {
  it('replaces Math.random with the seeded sequence until restored', () => {
    const original = Math.random;
    const restore = seedMathRandom(7);
    try {
      const expected = mulberry32(7);
      expect([Math.random(), Math.random()]).toEqual([expected(), expected()]);
    } finally {
      restore();
    }
    expect(Math.random).toBe(original);
  });
});
