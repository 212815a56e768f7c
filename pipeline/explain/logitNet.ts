// The network as the attribution methods see it: the trained layers up to the logit layer (the last
// Dense), which is applied without its activation; a separate softmax layer after it is dropped.
// Explanations follow the score before the softmax (as the Grad-CAM paper does): a softmax output can
// stay near 1 while the evidence for it changes a lot. The net takes [0, 1] pixels and puts them on
// the model's input scale itself, so attributions are always over the pixels as drawn.
import * as tf from '@tensorflow/tfjs-core';
import type * as tfl from '@tensorflow/tfjs-layers';
import type { ModelDescription, ModelInput } from '../model/description';
import { inputOf, pixelsTensor, toModelScale } from '../model/inputTensor';
import { headOf, logitStack } from '../model/logits';

export interface LogitNet {
  /** The images the net takes (height, width, channels, scale). */
  input: ModelInput;
  /** Number of class scores. */
  classes: number;
  /** Names of the layers in order, up to the read-out. */
  layerNames: string[];
  /** Scores before the softmax: [0, 1] images n × h × w × c → n × classes. */
  logits(images: tf.Tensor4D): tf.Tensor2D;
  /** The output of layer `name` (applied in inference mode). */
  upTo(images: tf.Tensor4D, name: string): tf.Tensor;
  /** The rest of the network from the output of layer `name` to the scores. */
  from(activation: tf.Tensor, name: string): tf.Tensor2D;
}

/** What the net needs of the model's description; without one it is read off the model (pixels on 'unit' scale). */
export type LogitNetDescription = Pick<ModelDescription, 'input' | 'logitLayer' | 'softmax'>;

/**
 * Wraps `model` without copying anything: every layer is the trained layer itself, and the read-out
 * multiplies by the logit layer's own kernel and bias variables. So the net shares the weights, and a
 * change to them (the sanity check) shows here too.
 */
export function createLogitNet(model: tfl.LayersModel, description?: LogitNetDescription): LogitNet {
  const layers = model.layers.filter((l) => l.getClassName() !== 'InputLayer');
  const last = layers[layers.length - 1];
  if (!description && (!last || last.getClassName() !== 'Dense')) {
    throw new Error(`logit net: the model's last layer must be Dense (it is ${last ? `${last.name}, ${last.getClassName()}` : 'missing'})`);
  }
  const head = description ?? headOf(model);
  const input = description?.input ?? inputOf(model);
  const { body, readOut } = logitStack(model, head);
  const names = body.map((l) => l.name);
  const position = (name: string) => {
    const i = names.indexOf(name);
    if (i < 0) throw new Error(`logit net: no layer "${name}" before the read-out; layers: ${names.join(', ')}`);
    return i;
  };
  const run = (x: tf.Tensor, from: number, to: number) => {
    let h = x;
    for (let i = from; i < to; i++) h = body[i].apply(h) as tf.Tensor;
    return h;
  };
  return {
    input,
    classes: Number(model.outputs[0].shape[model.outputs[0].shape.length - 1]),
    layerNames: [...names, ...(head.softmax === 'none' ? [] : [head.logitLayer])],
    logits: (images) => readOut(run(toModelScale(images, input), 0, body.length)),
    upTo: (images, name) => run(toModelScale(images, input), 0, position(name) + 1),
    from: (activation, name) => readOut(run(activation, position(name) + 1, body.length)),
  };
}

/** Float32 [0, 1] pixels (n images of the net's input) as the 4-D tensor the net takes. */
export function imagesTensor(pixels: Float32Array, n: number, input: ModelInput): tf.Tensor4D {
  return pixelsTensor(pixels, n, input);
}

/** The sum over the batch of each row's score for its own target: its gradient is every row's own gradient. */
export function targetScore(scores: tf.Tensor2D, targets: tf.Tensor1D): tf.Scalar {
  return tf.sum(tf.mul(scores, tf.oneHot(targets, scores.shape[1]))) as tf.Scalar;
}
