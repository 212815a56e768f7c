import { describe, expect, it } from 'vitest';
import { argmaxRows, confusionMatrix, evaluatePredictions, lossAndAccuracy, perClassMetrics } from '../../pipeline/evaluate/metrics';

/** Logits whose softmax is `probs` (each row sums to 1). */
const logitsOf = (probs: Float32Array) => probs.map(Math.log);

const onehotish = (rows: number[]) => {
  const p = new Float32Array(rows.length * 10).fill(0.01);
  rows.forEach((k, i) => (p[i * 10 + k] = 0.91));
  return p;
};

describe('evaluation metrics', () => {
  it('computes cross-entropy from logits and accuracy like Keras', () => {
    const { loss, accuracy } = lossAndAccuracy(logitsOf(onehotish([1, 2, 3, 4])), Int32Array.of(1, 2, 3, 5), 4);
    expect(accuracy).toBe(0.75);
    expect(loss).toBeCloseTo((3 * -Math.log(0.91) - Math.log(0.01)) / 4, 5);
  });

  it('does not cap the loss of a confidently wrong image', () => {
    const logits = new Float32Array(10);
    logits[7] = 50; // p(true digit 0) ≈ e^-50: a clipped loss would stop at -log(1e-7) ≈ 16.1
    expect(lossAndAccuracy(logits, Int32Array.of(0), 1).loss).toBeCloseTo(50, 4);
  });

  it('stays finite for logits far beyond exp\'s range', () => {
    const logits = Float32Array.of(1000, -1000, 0, 0, 0, 0, 0, 0, 0, 0);
    expect(lossAndAccuracy(logits, Int32Array.of(1), 1).loss).toBeCloseTo(2000, 6);
    expect(lossAndAccuracy(logits, Int32Array.of(0), 1).loss).toBe(0);
  });

  it('predicts the most probable digit, the first one on a tie', () => {
    const probs = new Float32Array(40);
    probs.set([0.1, 0.2, 0.7], 0); // digit 2
    probs.set([0.3, 0, 0, 0, 0, 0, 0, 0, 0, 0.3], 10); // tie between 0 and 9
    probs[20] = 0.9; // digit 0, larger than anything in the row before it
    probs[30 + 9] = 0.9; // the last digit
    expect(Array.from(argmaxRows(probs, 4))).toEqual([2, 0, 0, 9]);
  });

  it('counts the confusion matrix as [true][predicted]', () => {
    const m = confusionMatrix(Int32Array.of(3, 3, 5), Int32Array.of(3, 5, 5), 10);
    expect(m[3][3]).toBe(1);
    expect(m[3][5]).toBe(1);
    expect(m[5][5]).toBe(1);
    expect(m.flat().reduce((a, b) => a + b)).toBe(3);
  });

  it('derives precision and recall per digit, 0 where nothing was predicted', () => {
    const per = perClassMetrics(confusionMatrix(Int32Array.of(3, 3, 5), Int32Array.of(3, 5, 5), 10));
    expect(per[3]).toEqual({ digit: 3, precision: 1, recall: 0.5, support: 2 });
    expect(per[5]).toEqual({ digit: 5, precision: 0.5, recall: 1, support: 1 });
    expect(per[0]).toEqual({ digit: 0, precision: 0, recall: 0, support: 0 });
  });

  it('reports misclassified images in the evaluation', () => {
    const e = evaluatePredictions(logitsOf(onehotish([1, 2, 3])), Int32Array.of(1, 2, 4), 3);
    expect(e.misclassified).toBe(1);
    expect(e.testAccuracy).toBeCloseTo(2 / 3);
    expect(e.testLoss).toBeCloseTo((2 * -Math.log(0.91) - Math.log(0.01)) / 3, 5);
    expect(e.count).toBe(3);
    expect(e.confusion[4][3]).toBe(1);
    expect(e.perClass[4]).toEqual({ digit: 4, precision: 0, recall: 0, support: 1 });
  });

  it('evaluates only the first `count` images when given longer label arrays', () => {
    const e = evaluatePredictions(logitsOf(onehotish([1, 2])), Int32Array.of(1, 2, 3, 3), 2);
    expect([e.count, e.misclassified, e.testAccuracy]).toEqual([2, 0, 1]);
    expect(e.confusion.flat().reduce((a, b) => a + b)).toBe(2);
  });
});
