import { describe, expect, it } from 'vitest';
import { galleryIndices, misclassifiedIndices, topDigits } from '../../pipeline/visualize/predictionsView';

describe('predictionsView', () => {
  it('picks 24 distinct test images, the same for the same seed and different for another', () => {
    const a = galleryIndices(10000, 42);
    expect(a).toHaveLength(24);
    expect(new Set(a).size).toBe(24);
    expect(a.every((i) => i >= 0 && i < 10000)).toBe(true);
    expect(galleryIndices(10000, 42)).toEqual(a);
    expect(galleryIndices(10000, 43)).not.toEqual(a);
    expect(galleryIndices(5, 42).sort()).toEqual([0, 1, 2, 3, 4]);
  });

  it('lists every test image whose prediction differs from its label, in index order', () => {
    expect(misclassifiedIndices([1, 2, 3, 4], [1, 0, 3, 0])).toEqual([1, 3]);
  });

  it('gives the three most probable digits, highest first, ties broken by digit', () => {
    const probabilities = new Float32Array(20);
    probabilities.set([0.1, 0.05, 0.05, 0.6, 0, 0, 0, 0, 0.2, 0], 10);
    expect(topDigits(probabilities, 1, 10)).toEqual([
      { digit: 3, probability: 0.6 },
      { digit: 8, probability: 0.2 },
      { digit: 0, probability: 0.1 },
    ]);
    expect(topDigits(probabilities, 0, 10).map((t) => t.digit)).toEqual([0, 1, 2]);
  });

  it('breaks a three-way tie by the smaller digit first', () => {
    const probabilities = Float32Array.from([0.05, 0.3, 0, 0.3, 0, 0, 0, 0.3, 0.05, 0]);
    expect(topDigits(probabilities, 0, 10).map((t) => t.digit)).toEqual([1, 3, 7]);
  });
});
