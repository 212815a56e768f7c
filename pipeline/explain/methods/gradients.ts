// One batched backward pass: ∂(score of each image's target)/∂(image), for many images at once.
// Images in a batch do not interact in inference, so the gradient of the summed scores is, row by
// row, each image's own gradient.
import * as tf from '@tensorflow/tfjs-core';
import { mapRows, PIXELS } from '../batches';
import { imagesTensor, targetScore, type LogitNet } from '../logitNet';

/** Images per backward pass: large enough to keep the kernels busy, small enough for memory. */
export const GRADIENT_BATCH = 128;

export function inputGradients(net: LogitNet, images: Float32Array, targets: Int32Array): Float32Array {
  return mapRows(targets.length, GRADIENT_BATCH, PIXELS, (start, end) =>
    tf.tidy(() => {
      const x = imagesTensor(images.subarray(start * PIXELS, end * PIXELS), end - start);
      const t = tf.tensor1d(targets.subarray(start, end), 'int32');
      const grad = tf.grad((input: tf.Tensor) => targetScore(net.logits(input as tf.Tensor4D), t))(x);
      return (grad.dataSync() as Float32Array).slice();
    }),
  );
}

/** Scores before the softmax for every class: n × classes, row-major. */
export function scoresOf(net: LogitNet, images: Float32Array, n: number): Float32Array {
  return tf.tidy(() => (net.logits(imagesTensor(images, n)).dataSync() as Float32Array).slice());
}

/** Softmax probabilities, n × classes. */
export function probabilitiesOf(net: LogitNet, images: Float32Array, n: number): Float32Array {
  return tf.tidy(() => (tf.softmax(net.logits(imagesTensor(images, n))).dataSync() as Float32Array).slice());
}
