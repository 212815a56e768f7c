// One batched backward pass: ∂(score of each image's target)/∂(image), for many images at once.
// Images in a batch do not interact in inference, so the gradient of the summed scores is, row by
// row, each image's own gradient.
import * as tf from '@tensorflow/tfjs-core';
import { imageValues, mapRows } from '../batches';
import { imagesTensor, targetScore, type LogitNet } from '../logitNet';

/** Images per backward pass: large enough to keep the kernels busy, small enough for memory. */
export const GRADIENT_BATCH = 128;

/** ∂score/∂value for every input value (n × h × w × c, channels last). */
export function inputGradients(net: LogitNet, images: Float32Array, targets: Int32Array): Float32Array {
  const size = imageValues(net.input);
  return mapRows(targets.length, GRADIENT_BATCH, size, (start, end) =>
    tf.tidy(() => {
      const x = imagesTensor(images.subarray(start * size, end * size), end - start, net.input);
      const t = tf.tensor1d(targets.subarray(start, end), 'int32');
      const grad = tf.grad((input: tf.Tensor) => targetScore(net.logits(input as tf.Tensor4D), t))(x);
      return (grad.dataSync() as Float32Array).slice();
    }),
  );
}

/** Scores before the softmax for every class: n × classes, row-major. */
export function scoresOf(net: LogitNet, images: Float32Array, n: number): Float32Array {
  return tf.tidy(() => (net.logits(imagesTensor(images, n, net.input)).dataSync() as Float32Array).slice());
}

/** Softmax probabilities, n × classes. */
export function probabilitiesOf(net: LogitNet, images: Float32Array, n: number): Float32Array {
  return tf.tidy(() => (tf.softmax(net.logits(imagesTensor(images, n, net.input))).dataSync() as Float32Array).slice());
}
