import { describe, expect, it } from 'vitest';
import { weightDistributions } from '../../../pipeline/explain/distributions/weights';

describe('weightDistributions', () => {
  it('counts trained and initial weights over the same bins spanning both', () => {
    const trained = new Map([['dense', Float32Array.from([-2, -1, 0, 1, 2, 2])]]);
    const initial = new Map([['dense', Float32Array.from([-0.5, 0, 0, 0.5, 3, 1])]]);
    const [d] = weightDistributions(trained, initial, 5);
    expect(d).toMatchObject({ layer: 'dense', count: 6, start: -2, width: 1 });
    expect(d.trained).toEqual([1, 1, 1, 1, 2]);
    expect(d.initial).toEqual([0, 1, 3, 1, 1]);
    expect(d.trainedStats.max).toBe(2);
    expect(d.initialStats.mean).toBeCloseTo(4 / 6, 6);
  });

  it('says which layer does not match the model createModel builds', () => {
    expect(() => weightDistributions(new Map([['conv2d', new Float32Array(4)]]), new Map(), 4)).toThrow('layer conv2d');
  });
});
