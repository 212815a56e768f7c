// Small hand-built models whose attributions are known exactly, for the method tests.
import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';

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
