import { describe, expect, it } from 'vitest';
import { TrainingCallbacks } from '../../pipeline/train/callbacks';

const run = (patience: number, scores: [number, number][]) => {
  const cb = new TrainingCallbacks(patience);
  return scores.map(([valLoss, valAccuracy], i) => cb.observe(i + 1, { valLoss, valAccuracy }));
};

describe('TrainingCallbacks', () => {
  it('stops after two epochs without a lower validation loss (patience 2)', () => {
    const d = run(2, [[0.5, 0.9], [0.4, 0.92], [0.45, 0.93], [0.41, 0.91]]);
    expect(d.map((x) => x.stop)).toEqual([false, false, false, true]);
  });

  it('resets the patience count when the loss improves again', () => {
    const d = run(2, [[0.5, 0.9], [0.6, 0.9], [0.4, 0.9], [0.45, 0.9], [0.3, 0.9]]);
    expect(d.map((x) => x.stop)).toEqual([false, false, false, false, false]);
  });

  it('checkpoints only on a strictly better validation accuracy, independent of the loss', () => {
    const cb = new TrainingCallbacks(2);
    const d = [[0.5, 0.9], [0.6, 0.95], [0.4, 0.95], [0.7, 0.94]].map(([l, a], i) => cb.observe(i + 1, { valLoss: l, valAccuracy: a }));
    expect(d.map((x) => x.checkpoint)).toEqual([true, true, false, false]);
    expect(cb.bestEpoch).toBe(2);
  });

  it('counts an equal validation loss as no improvement, as Keras does (min_delta 0)', () => {
    const d = run(2, [[0.5, 0.9], [0.5, 0.9], [0.5, 0.9]]);
    expect(d.map((x) => x.stop)).toEqual([false, false, true]);
  });

  it('with patience 0 stops at the first epoch that does not improve, not before', () => {
    const d = run(0, [[0.5, 0.9], [0.4, 0.9], [0.4, 0.9]]);
    expect(d.map((x) => x.stop)).toEqual([false, false, true]);
  });

  it('keeps the first of two epochs with equal best accuracy', () => {
    const cb = new TrainingCallbacks(5);
    const d = [[0.5, 0.9], [0.4, 0.95], [0.3, 0.95]].map(([l, a], i) => cb.observe(i + 1, { valLoss: l, valAccuracy: a }));
    expect(d.map((x) => x.checkpoint)).toEqual([true, true, false]);
    expect([cb.bestEpoch, cb.bestAccuracy]).toEqual([2, 0.95]);
  });

  it('rejects a negative or missing patience, naming the value', () => {
    expect(() => new TrainingCallbacks(-1)).toThrow('patience must be a whole number ≥ 0, got -1');
    expect(() => new TrainingCallbacks(Number.NaN)).toThrow('got NaN');
  });
});
