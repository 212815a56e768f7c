import * as tf from '@tensorflow/tfjs-core';
import type * as tfl from '@tensorflow/tfjs-layers';

/**
 * The model's output before its final softmax: every layer but the last, then the last Dense layer's
 * kernel and bias without the activation. Keras computes sparse categorical cross-entropy from these
 * logits when the output layer is a softmax; from the probabilities, a confidently wrong image (p
 * below float precision) would have no gradient and a capped loss. Shares the model's variables, so
 * gradients flow to them. Call inside tf.tidy or a taped function.
 */
export function applyLogits(model: tfl.LayersModel, x: tf.Tensor, training: boolean): tf.Tensor2D {
  const head = model.layers[model.layers.length - 1];
  const config = head.getConfig();
  if (head.getClassName() !== 'Dense' || config.activation !== 'softmax' || config.useBias !== true) {
    throw new Error(`applyLogits: the last layer must be a Dense layer with a softmax and a bias, got ${head.getClassName()} (${String(config.activation)}).`);
  }
  const hidden = model.layers.slice(0, -1).reduce((h, layer) => layer.apply(h, { training }) as tf.Tensor, x);
  const [kernel, bias] = head.trainableWeights.map((w) => w.read());
  return tf.add(tf.matMul(hidden as tf.Tensor2D, kernel as tf.Tensor2D), bias) as tf.Tensor2D;
}
