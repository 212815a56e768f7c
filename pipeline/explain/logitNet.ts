// The network as the attribution methods see it: the trained layers up to the last Dense layer,
// which is applied without its softmax. Explanations follow the score before the softmax (as the
// Grad-CAM paper does): a softmax output can stay near 1 while the evidence for it changes a lot.
import * as tf from '@tensorflow/tfjs-core';
import type * as tfl from '@tensorflow/tfjs-layers';
import { IMAGE_SIZE } from '../model/createModel';

export interface LogitNet {
  /** Names of the layers in order (the last is the linear read-out). */
  layerNames: string[];
  /** Scores before the softmax: images n × 28 × 28 × 1 → n × classes. */
  logits(images: tf.Tensor4D): tf.Tensor2D;
  /** The output of layer `name` (applied in inference mode). */
  upTo(images: tf.Tensor4D, name: string): tf.Tensor;
  /** The rest of the network from the output of layer `name` to the scores. */
  from(activation: tf.Tensor, name: string): tf.Tensor2D;
}

/**
 * Wraps `model` (a stack of layers ending in Dense) without copying anything: every layer is the
 * trained layer itself, and the read-out multiplies by the last Dense layer's own kernel and bias
 * variables. So the net shares the weights, and a change to them (the sanity check) shows here too.
 */
export function createLogitNet(model: tfl.LayersModel): LogitNet {
  const layers = model.layers;
  const last = layers[layers.length - 1];
  if (!last || last.getClassName() !== 'Dense') {
    throw new Error(`logit net: the model's last layer must be Dense (it is ${last ? `${last.name}, ${last.getClassName()}` : 'missing'})`);
  }
  const names = layers.map((l) => l.name);
  const position = (name: string) => {
    const i = names.indexOf(name);
    if (i < 0 || i === layers.length - 1) throw new Error(`logit net: no layer "${name}" before the read-out; layers: ${names.slice(0, -1).join(', ')}`);
    return i;
  };
  const run = (x: tf.Tensor, from: number, to: number) => {
    let h = x;
    for (let i = from; i < to; i++) h = layers[i].apply(h) as tf.Tensor;
    return h;
  };
  const readOut = (h: tf.Tensor): tf.Tensor2D => {
    const [kernel, bias] = last.trainableWeights.map((w) => w.read());
    const z = tf.matMul(h as tf.Tensor2D, kernel as tf.Tensor2D);
    return (bias ? tf.add(z, bias) : z) as tf.Tensor2D;
  };
  return {
    layerNames: names,
    logits: (images) => readOut(run(images, 0, layers.length - 1)),
    upTo: (images, name) => run(images, 0, position(name) + 1),
    from: (activation, name) => readOut(run(activation, position(name) + 1, layers.length - 1)),
  };
}

/** Float32 pixels (n × 784) as the 4-D tensor the network takes. */
export function imagesTensor(pixels: Float32Array, n: number): tf.Tensor4D {
  return tf.tensor4d(pixels, [n, IMAGE_SIZE, IMAGE_SIZE, 1]);
}

/** The sum over the batch of each row's score for its own target: its gradient is every row's own gradient. */
export function targetScore(scores: tf.Tensor2D, targets: tf.Tensor1D): tf.Scalar {
  return tf.sum(tf.mul(scores, tf.oneHot(targets, scores.shape[1]))) as tf.Scalar;
}
