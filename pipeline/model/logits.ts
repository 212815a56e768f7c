import * as tf from '@tensorflow/tfjs-core';
import type * as tfl from '@tensorflow/tfjs-layers';
import type { ModelDescription } from './description';

/** Where the class scores are read: the logit layer (the last Dense) and how the output becomes probabilities. */
export type LogitHead = Pick<ModelDescription, 'logitLayer' | 'softmax'>;

/** The model's layers in order, without the InputLayer a functional model lists first. */
export function stackLayers(model: tfl.LayersModel): tfl.layers.Layer[] {
  return model.layers.filter((l) => l.getClassName() !== 'InputLayer');
}

const isSoftmax = (l: tfl.layers.Layer) => l.getClassName() === 'Softmax' || (l.getClassName() === 'Activation' && l.getConfig().activation === 'softmax');

/** The head describeLayers finds, for callers that have the model but no description (training, the browser). */
export function headOf(model: tfl.LayersModel): LogitHead {
  const layers = stackLayers(model);
  const last = layers.map((l) => l.getClassName()).lastIndexOf('Dense');
  if (last < 0) throw new Error(`logits: the model has no Dense layer to read its class scores from (layers: ${layers.map((l) => l.name).join(', ')})`);
  const dense = layers[last];
  const softmax = dense.getConfig().activation === 'softmax' ? 'dense' : layers.slice(last + 1).some(isSoftmax) ? 'layer' : 'none';
  return { logitLayer: dense.name, softmax };
}

export interface LogitStack {
  /** The layers applied before the read-out, in order. */
  body: tfl.layers.Layer[];
  /** From the body's output to the scores before any softmax. */
  readOut(h: tf.Tensor): tf.Tensor2D;
}

/**
 * The model cut at its scores. With a softmax (in the Dense or in a layer after it), the body is every
 * layer before the logit Dense and the read-out is that layer's own kernel and bias without its
 * activation; the layers after it are dropped. Without a softmax the outputs already are the scores:
 * the body is every layer and the read-out passes them on. Shares the model's variables.
 */
export function logitStack(model: tfl.LayersModel, head: LogitHead = headOf(model)): LogitStack {
  const layers = stackLayers(model);
  if (head.softmax === 'none') return { body: layers, readOut: (h) => h as tf.Tensor2D };
  const at = layers.findIndex((l) => l.name === head.logitLayer);
  if (at < 0) throw new Error(`logits: no layer "${head.logitLayer}" in the model; its layers: ${layers.map((l) => l.name).join(', ')}`);
  const dense = layers[at];
  if (dense.getClassName() !== 'Dense') throw new Error(`logits: the logit layer "${head.logitLayer}" is a ${dense.getClassName()}, not a Dense layer`);
  const useBias = dense.getConfig().useBias !== false;
  return {
    body: layers.slice(0, at),
    readOut: (h) => {
      const [kernel, bias] = dense.trainableWeights.map((w) => w.read());
      const z = tf.matMul(h as tf.Tensor2D, kernel as tf.Tensor2D);
      return (useBias && bias ? tf.add(z, bias) : z) as tf.Tensor2D;
    },
  };
}

/**
 * The model's scores before its softmax (see logitStack). Keras computes sparse categorical
 * cross-entropy from these logits when the output is a softmax; from the probabilities, a confidently
 * wrong image (p below float precision) would have no gradient and a capped loss. Shares the model's
 * variables, so gradients flow to them. `x` is on the model's input scale. Call inside tf.tidy or a taped function.
 */
export function applyLogits(model: tfl.LayersModel, x: tf.Tensor, training: boolean, head: LogitHead = headOf(model), applyLayer: ApplyLayer = applyItself): tf.Tensor2D {
  const { body, readOut } = logitStack(model, head);
  return readOut(body.reduce((h, layer) => applyLayer(layer, h, training), x));
}

/** How one layer is applied to the previous layer's output: by the layer itself, or faster with the same result (pipeline/train/nativeDropout.ts). */
export type ApplyLayer = (layer: tfl.layers.Layer, h: tf.Tensor, training: boolean) => tf.Tensor;

const applyItself: ApplyLayer = (layer, h, training) => layer.apply(h, { training }) as tf.Tensor;
