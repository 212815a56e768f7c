import type { ClassMetrics, Evaluation } from '../artifacts/types';

/** Scores per row of a count × classes matrix. */
function classesOf(scores: Float32Array, count: number): number {
  const classes = scores.length / count;
  if (!Number.isInteger(classes) || classes < 1) throw new Error(`metrics: ${scores.length} scores do not split into ${count} rows`);
  return classes;
}

/** Index of each row's highest score; logits and their softmax give the same answer. */
export function argmaxRows(scores: Float32Array, count: number): Int32Array {
  const out = new Int32Array(count);
  if (count === 0) return out;
  const classes = classesOf(scores, count);
  for (let i = 0; i < count; i++) {
    let best = 0;
    for (let k = 1; k < classes; k++) if (scores[i * classes + k] > scores[i * classes + best]) best = k;
    out[i] = best;
  }
  return out;
}

/**
 * Mean sparse categorical cross-entropy from logits (log-sum-exp minus the true class's logit) and
 * accuracy: what Keras reports for a softmax output, with no cap for confidently wrong images.
 */
export function lossAndAccuracy(logits: Float32Array, labels: Int32Array, count: number): { loss: number; accuracy: number } {
  const predicted = argmaxRows(logits, count);
  const classes = classesOf(logits, count);
  let loss = 0;
  let correct = 0;
  for (let i = 0; i < count; i++) {
    const row = logits.subarray(i * classes, (i + 1) * classes);
    const max = row[predicted[i]];
    let sum = 0;
    for (const z of row) sum += Math.exp(z - max);
    loss += max + Math.log(sum) - row[labels[i]];
    if (predicted[i] === labels[i]) correct++;
  }
  return { loss: loss / count, accuracy: correct / count };
}

/** confusion[true][predicted], classes × classes. */
export function confusionMatrix(labels: Int32Array, predicted: Int32Array, classes: number): number[][] {
  const m = Array.from({ length: classes }, () => new Array<number>(classes).fill(0));
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

export function evaluatePredictions(logits: Float32Array, labels: Int32Array, count: number): Evaluation {
  const { loss, accuracy } = lossAndAccuracy(logits, labels, count);
  const predicted = argmaxRows(logits, count);
  const confusion = confusionMatrix(labels.subarray(0, count), predicted, classesOf(logits, count));
  return {
    testLoss: loss,
    testAccuracy: accuracy,
    confusion,
    perClass: perClassMetrics(confusion),
    misclassified: predicted.reduce((n, p, i) => n + (p !== labels[i] ? 1 : 0), 0),
    count,
  };
}
