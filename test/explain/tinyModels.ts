// Small hand-built models whose attributions are known exactly, for the method tests.
import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { createLogitNet, imagesTensor } from '../../pipeline/explain/logitNet';
import { createModel } from '../../pipeline/model/createModel';
import { TUTORIAL_DESCRIPTION } from '../model/tutorialDescription';

/** Flatten → Dense(10, softmax) with the given 784 × 10 kernel (row-major) and zero bias: logits are linear in the pixels. */
export function linearModel(kernel: Float32Array): tfl.LayersModel {
  const model = tfl.sequential({
    layers: [tfl.layers.flatten({ name: 'flatten', inputShape: [28, 28, 1] }), tfl.layers.dense({ name: 'out', units: 10, activation: 'softmax' })],
  });
  model.getLayer('out').setWeights([tf.tensor2d(kernel, [784, 10]), tf.zeros([10])]);
  return model;
}

/** Class `target` reads one pixel with weight `weight`; every other score is 0. */
export function onePixelModel(pixel: number, target: number, weight: number): tfl.LayersModel {
  const kernel = new Float32Array(784 * 10);
  kernel[pixel * 10 + target] = weight;
  return linearModel(kernel);
}

/**
 * A 1×1 convolution "conv" whose two channels are x and 2x (ReLU), then Flatten → Dense(10).
 * Class 0 weighs channel 0 by 1, class 1 weighs channel 1 by −1, class 2 weighs both by 1.
 */
export function twoChannelModel(): tfl.LayersModel {
  const model = tfl.sequential({
    layers: [
      tfl.layers.conv2d({ name: 'conv', filters: 2, kernelSize: 1, activation: 'relu', useBias: false, inputShape: [28, 28, 1] }),
      tfl.layers.flatten({ name: 'flatten' }),
      tfl.layers.dense({ name: 'out', units: 10, activation: 'softmax' }),
    ],
  });
  model.getLayer('conv').setWeights([tf.tensor4d([1, 2], [1, 1, 1, 2])]);
  const kernel = new Float32Array(784 * 2 * 10);
  for (let p = 0; p < 784; p++) {
    kernel[(p * 2) * 10 + 0] = 1;
    kernel[(p * 2 + 1) * 10 + 1] = -1;
    kernel[(p * 2) * 10 + 2] = 1;
    kernel[(p * 2 + 1) * 10 + 2] = 1;
  }
  model.getLayer('out').setWeights([tf.tensor2d(kernel, [784 * 2, 10]), tf.zeros([10])]);
  return model;
}

/** Deterministic pixel values in [0, 1). */
export function randomImages(n: number, random: () => number): Float32Array {
  return Float32Array.from({ length: n * 784 }, () => random());
}

/**
 * Flatten → Dense(1, sigmoid, steepness `k`) reading the mean pixel → Dense(10): class 0's score
 * jumps from 0 to 1 where the mean pixel crosses `at`. On the path from black to a uniform image of
 * value 1 the gradient is a spike of width ~1/k at α = at, which no trapezoid grid of ≤ 512 steps
 * resolves when `at` sits between the grid points: IG cannot converge.
 */
export function stepModel(at: number, k: number): tfl.LayersModel {
  const model = tfl.sequential({
    layers: [
      tfl.layers.flatten({ name: 'flatten', inputShape: [28, 28, 1] }),
      tfl.layers.dense({ name: 'step', units: 1, activation: 'sigmoid' }),
      tfl.layers.dense({ name: 'out', units: 10, activation: 'softmax' }),
    ],
  });
  model.getLayer('step').setWeights([tf.fill([784, 1], k / 784), tf.tensor1d([-k * at])]);
  const out = new Float32Array(10);
  out[0] = 1;
  model.getLayer('out').setWeights([tf.tensor2d(out, [1, 10]), tf.zeros([10])]);
  return model;
}

/**
 * Two ReLU units, one reading the first half of the pixels and one the second, each switching on part
 * way along the path; class 0 scores the first minus `balance` × the second. With `balance` chosen so
 * the two nearly cancel at the input, score(x) ≈ score(black) while the map has large parts of both
 * signs: the case where the gap / |Δ| measure exploded.
 */
export function cancellingModel(kinks: [number, number], balance: number): tfl.LayersModel {
  const model = tfl.sequential({
    layers: [
      tfl.layers.flatten({ name: 'flatten', inputShape: [28, 28, 1] }),
      tfl.layers.dense({ name: 'halves', units: 2, activation: 'relu' }),
      tfl.layers.dense({ name: 'out', units: 10, activation: 'softmax' }),
    ],
  });
  const kernel = new Float32Array(784 * 2);
  for (let p = 0; p < 784; p++) kernel[p * 2 + (p < 392 ? 0 : 1)] = 1 / 392;
  model.getLayer('halves').setWeights([tf.tensor2d(kernel, [784, 2]), tf.tensor1d([-kinks[0], -kinks[1]])]);
  const out = new Float32Array(20);
  [out[0], out[10]] = [1, -balance];
  model.getLayer('out').setWeights([tf.tensor2d(out, [2, 10]), tf.zeros([10])]);
  return model;
}

/**
 * The tutorial's network, untrained (zero biases, so IG is exact on it) but for two `dense` units that
 * make class `target`'s score a narrow spike along the path: unit 0 switches on half way to `images`'
 * typical input, unit 1 a ten-thousandth later, and the class scores 100 × (unit 0 − unit 1) / gap.
 * Like a barely trained network's kinks, but far narrower than any grid of ≤ 512 steps: every map of
 * class `target` misses completeness and no other map does.
 */
export function spikedModel(seed: number, images: Float32Array, target: number): tfl.LayersModel {
  const model = createModel({ seed });
  const n = images.length / 784;
  const features = tf.tidy(() => tf.mean(createLogitNet(model).upTo(imagesTensor(images, n, TUTORIAL_DESCRIPTION.input), 'flatten'), 1).dataSync());
  const typical = [...features].sort((a, b) => a - b)[Math.floor(n / 2)];
  const [kernel, bias] = model.getLayer('dense').getWeights().map((w) => w.arraySync()) as [number[][], number[]];
  const width = kernel.length;
  const gap = 1e-4 * typical;
  for (const row of kernel) [row[0], row[1]] = [1 / width, 1 / width];
  [bias[0], bias[1]] = [-0.5 * typical, -0.5 * typical - gap];
  model.getLayer('dense').setWeights([tf.tensor2d(kernel), tf.tensor1d(bias)]);
  const [out, outBias] = model.getLayer('dense_1').getWeights().map((w) => w.arraySync()) as [number[][], number[]];
  for (let c = 0; c < 10; c++) [out[0][c], out[1][c]] = c === target ? [100 / gap, -100 / gap] : [0, 0];
  model.getLayer('dense_1').setWeights([tf.tensor2d(out), tf.tensor1d(outBias)]);
  return model;
}
