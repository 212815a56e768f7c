import type { ClassMetrics, Evaluation } from '../artifacts/types';
import { NUM_CLASSES } from '../model/createModel';

const EPSILON = 1e-7; // as Keras clips before the log

export function argmaxRows(probs: Float32Array, count: number): Int32Array {
  const out = new Int32Array(count);
  for (let i = 0; i < count; i++) {
    let best = 0;
    for (let k = 1; k < NUM_CLASSES; k++) if (probs[i * NUM_CLASSES + k] > probs[i * NUM_CLASSES + best]) best = k;
    out[i] = best;
  }
  return out;
}

/** Mean sparse categorical cross-entropy and accuracy of softmax outputs. */
export function lossAndAccuracy(probs: Float32Array, labels: Int32Array, count: number): { loss: number; accuracy: number } {
  const predicted = argmaxRows(probs, count);
  let loss = 0;
  let correct = 0;
  for (let i = 0; i < count; i++) {
    const p = Math.min(Math.max(probs[i * NUM_CLASSES + labels[i]], EPSILON), 1 - EPSILON);
    loss -= Math.log(p);
    if (predicted[i] === labels[i]) correct++;
  }
  return { loss: loss / count, accuracy: correct / count };
}

/** confusion[true][predicted]. */
export function confusionMatrix(labels: Int32Array, predicted: Int32Array): number[][] {
  const m = Array.from({ length: NUM_CLASSES }, () => new Array<number>(NUM_CLASSES).fill(0));
  labels.forEach((label, i) => m[label][predicted[i]]++);
  return m;
}

export function perClassMetrics(confusion: number[][]): ClassMetrics[] {
  return confusion.map((row, digit) => {
    const truePositives = row[digit];
    const support = row.reduce((a, b) => a + b, 0);
    const predictedAs = confusion.reduce((a, r) => a + r[digit], 0);
    return {
      digit,
      precision: predictedAs === 0 ? 0 : truePositives / predictedAs,
      recall: support === 0 ? 0 : truePositives / support,
      support,
    };
  });
}

export function evaluatePredictions(probs: Float32Array, labels: Int32Array, count: number): Evaluation {
  const { loss, accuracy } = lossAndAccuracy(probs, labels, count);
  const predicted = argmaxRows(probs, count);
  const confusion = confusionMatrix(labels.subarray(0, count), predicted);
  return {
    testLoss: loss,
    testAccuracy: accuracy,
    confusion,
    perClass: perClassMetrics(confusion),
    misclassified: predicted.reduce((n, p, i) => n + (p !== labels[i] ? 1 : 0), 0),
    count,
  };
}
