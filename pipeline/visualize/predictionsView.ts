// Which test images the gallery and the misclassified list show, and their top-3 predictions.
import { mulberry32, shuffledIndices } from '../train/random';

export const GALLERY_SIZE = 24;

/** `size` distinct random test indices, the same for the same seed and test-set size. */
export function galleryIndices(count: number, seed: number, size = GALLERY_SIZE): number[] {
  return Array.from(shuffledIndices(count, mulberry32(seed)).subarray(0, Math.min(size, count)));
}

/** Every test index whose prediction differs from its label, in index order. */
export function misclassifiedIndices(labels: ArrayLike<number>, predicted: ArrayLike<number>): number[] {
  const wrong: number[] = [];
  for (let i = 0; i < labels.length; i++) if (labels[i] !== predicted[i]) wrong.push(i);
  return wrong;
}

/** The k most probable classes of test image `index` (row `index` of the N × classes probabilities), ties by class. */
export function topDigits(probabilities: Float32Array, index: number, classes: number, k = 3): { digit: number; probability: number }[] {
  const row = probabilities.subarray(index * classes, (index + 1) * classes);
  return Array.from(row, (probability, digit) => ({ digit, probability }))
    .sort((a, b) => b.probability - a.probability || a.digit - b.digit)
    .slice(0, k)
    .map(({ digit, probability }) => ({ digit, probability: Math.round(probability * 1e6) / 1e6 }));
}
