// Shapes and helpers shared by the kernel tests: each kernel set is compared with the cpu backend on the same cases.
import * as tf from '@tensorflow/tfjs-core';
import { mulberry32 } from '../../pipeline/train/random';

export type Pad = 'valid' | 'same' | number;
export interface ConvCase {
  name: string;
  x: [number, number, number, number];
  filter: [number, number, number, number];
  strides: number;
  pad: Pad;
}

// Mutation runs (vitest.stryker.config.ts) skip the model-sized cases: Stryker's instrumented loops make
// them take minutes per mutant. The small cases below take the same code paths.
const MODEL_SIZED: ConvCase[] = process.env.MUTATION_RUN ? [] : [
  { name: "the model's first conv (28×28×1 → 32, valid)", x: [4, 28, 28, 1], filter: [3, 3, 1, 32], strides: 1, pad: 'valid' },
  { name: "the model's second conv (13×13×32 → 64, valid)", x: [2, 13, 13, 32], filter: [3, 3, 32, 64], strides: 1, pad: 'valid' },
  { name: "the model's third conv (5×5×64 → 128, valid)", x: [3, 5, 5, 64], filter: [3, 3, 64, 128], strides: 1, pad: 'valid' },
];

/** Convolutions: the model's three, then odd sizes, strides, paddings and filter shapes. */
export const CASES: ConvCase[] = [
  ...MODEL_SIZED,
  { name: 'GEMM path, valid padding', x: [2, 7, 6, 1], filter: [3, 3, 1, 16], strides: 1, pad: 'valid' },
  { name: 'forward-conv path, valid padding, many channels', x: [2, 5, 5, 8], filter: [3, 3, 8, 6], strides: 1, pad: 'valid' },
  { name: 'same padding, stride 1', x: [2, 9, 7, 3], filter: [3, 3, 3, 5], strides: 1, pad: 'same' },
  { name: 'same padding, stride 2, odd size', x: [2, 9, 11, 3], filter: [3, 3, 3, 4], strides: 2, pad: 'same' },
  { name: 'valid padding, stride 2 with a leftover row', x: [2, 10, 9, 2], filter: [3, 3, 2, 4], strides: 2, pad: 'valid' },
  { name: 'a 5×2 filter, same padding', x: [2, 8, 8, 3], filter: [5, 2, 3, 6], strides: 1, pad: 'same' },
  { name: 'explicit numeric padding 1, stride 2', x: [2, 8, 8, 2], filter: [3, 3, 2, 3], strides: 2, pad: 1 },
  { name: 'few taps, many channels (GEMM path), stride 2, same padding', x: [2, 9, 8, 1], filter: [3, 3, 1, 16], strides: 2, pad: 'same' },
  { name: 'padding larger than the filter', x: [1, 6, 6, 2], filter: [2, 2, 2, 3], strides: 1, pad: 3 },
  // The GEMM path with a left and top border of 1 (same padding, stride 1), and with unequal ones.
  { name: 'GEMM path, same padding on every side, stride 1', x: [2, 7, 6, 1], filter: [3, 3, 1, 16], strides: 1, pad: 'same' },
  // A square filter: TF.js sizes numeric-padding outputs from the filter height alone (a 3×2 filter would overflow).
  { name: 'GEMM path, numeric padding 2, stride 2', x: [2, 9, 10, 2], filter: [3, 3, 2, 24], strides: 2, pad: 2 },
  { name: 'batch 1, odd sizes, valid padding, stride 2', x: [1, 11, 7, 5], filter: [3, 3, 5, 7], strides: 2, pad: 'valid' },
  { name: 'batch 1, an even filter with uneven same padding', x: [1, 6, 5, 3], filter: [2, 2, 3, 4], strides: 1, pad: 'same' },
  // 16+ input channels: the oneDNN addon lets the primitive pick blocked layouts and reorders.
  { name: '16 input channels, odd sizes, stride 2, same padding', x: [2, 9, 7, 16], filter: [3, 3, 16, 24], strides: 2, pad: 'same' },
  { name: 'batch 1, 20 input channels, 5 output channels, valid', x: [1, 6, 7, 20], filter: [3, 3, 20, 5], strides: 1, pad: 'valid' },
];

export function random(shape: number[], seed: number): Float32Array {
  const next = mulberry32(seed);
  const values = new Float32Array(shape.reduce((a, b) => a * b, 1));
  for (let i = 0; i < values.length; i++) values[i] = next() * 2 - 1;
  return values;
}

/** Runs one kernel on the named backend and returns its output values and shape. */
export async function run(backend: string, kernel: string, inputs: Record<string, [Float32Array, number[]]>, attrs: object) {
  await tf.setBackend(backend);
  const tensors = Object.fromEntries(Object.entries(inputs).map(([k, [v, s]]) => [k, tf.tensor(v, s)]));
  const out = tf.engine().runKernel(kernel, tensors, attrs as tf.NamedAttrMap) as tf.Tensor;
  const result = { values: await out.data(), shape: out.shape };
  tf.dispose([out, ...Object.values(tensors)]);
  return result;
}

export function maxAbsDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let worst = 0;
  for (let i = 0; i < a.length; i++) worst = Math.max(worst, Math.abs(a[i] - b[i]));
  return worst;
}

export function outSize(c: ConvCase): number[] {
  const info = tf.backend_util.computeConv2DInfo(c.x, c.filter, c.strides, 1, c.pad);
  return info.outShape;
}

/** Max pools: the model's, one with padding, one overlapping. */
export const POOLS = [
  { name: "the model's 2×2 pool over ReLU output (many ties at zero)", x: process.env.MUTATION_RUN ? [2, 6, 8, 3] : [3, 26, 26, 8], size: 2, strides: 2, pad: 'valid', relu: true },
  { name: 'a 3×3 pool, stride 2, same padding', x: [2, 9, 8, 3], size: 3, strides: 2, pad: 'same', relu: false },
  { name: 'an overlapping 3×3 pool, stride 1', x: [2, 7, 7, 2], size: 3, strides: 1, pad: 'valid', relu: true },
  { name: 'batch 1, a 2×2 pool with uneven same padding on an odd size', x: [1, 7, 5, 3], size: 2, strides: 2, pad: 'same', relu: true },
  { name: 'an overlapping 2×2 pool, stride 1', x: [2, 6, 5, 3], size: 2, strides: 1, pad: 'valid', relu: true },
  { name: 'a 2×2 pool, stride 2, same padding on an odd size (windows hang over the edge)', x: [2, 7, 9, 2], size: 2, strides: 2, pad: 'same', relu: true },
  { name: 'a 2×2 pool, stride 2, numeric padding 1', x: [1, 6, 6, 2], size: 2, strides: 2, pad: 1, relu: false },
  { name: 'a tiled 2×3 pool (not the 2×2 fast path)', x: [2, 6, 9, 2], size: [2, 3], strides: [2, 3], pad: 'valid', relu: true },
] as const;

/** Sums: bias gradients (every axis but the last) and one the fast paths leave to the stock kernel. */
export const SUMS = [
  { name: 'over all but the channel axis (bias gradients)', shape: [4, 6, 5, 7], axis: [0, 1, 2], keepDims: false },
  { name: 'over all but the channel axis, keeping dimensions', shape: [4, 6, 5, 7], axis: [2, 0, 1], keepDims: true },
  { name: 'over the rows of a matrix with a negative axis', shape: [9, 10], axis: [-2], keepDims: false },
  { name: 'over an inner axis (stock kernel)', shape: [3, 4, 5], axis: [1], keepDims: false },
  { name: 'over the last two axes (stock kernel)', shape: [3, 4, 5], axis: [1, 2], keepDims: false },
  { name: 'over every axis but the last of a 3-channel tensor', shape: [5, 3], axis: [0], keepDims: true },
];
