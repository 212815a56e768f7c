import type { Batch } from '../pipeline/train/stepper';
import { mulberry32 } from '../pipeline/train/random';

/**
 * A batch of MNIST-shaped data: sparse strokes in [0, 1] and labels 0–9 from a seeded
 * generator. Speed does not depend on which digits are shown, so the benchmark needs no
 * dataset download; the values only have to look like MNIST (mostly zeros) so ReLU and
 * pooling see realistic sparsity.
 */
export function syntheticBatch(size: number, seed: number): Batch {
  const random = mulberry32(seed);
  const xs = new Float32Array(size * 28 * 28);
  for (let i = 0; i < xs.length; i++) {
    const r = random();
    xs[i] = r < 0.8 ? 0 : (r - 0.8) * 5;
  }
  const labels = new Int32Array(size);
  for (let i = 0; i < size; i++) labels[i] = Math.floor(random() * 10);
  return { xs, labels, size };
}
