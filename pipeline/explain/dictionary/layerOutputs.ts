// The trained layers applied one by one (inference mode), so the dictionary can read several
// layers in one pass and stop a convolution before its built-in ReLU.
// Images are on the model's input scale (inputTensor).
import * as tf from '@tensorflow/tfjs-core';
import type * as tfl from '@tensorflow/tfjs-layers';
import { stackLayers } from '../../model/logits';

function indexOf(layers: tfl.layers.Layer[], name: string): number {
  const i = layers.findIndex((l) => l.name === name);
  if (i < 0) throw new Error(`channel dictionary: the model has no layer "${name}"; layers: ${layers.map((l) => l.name).join(', ')}`);
  return i;
}

/** The outputs of the named layers for `images`, from one pass through the model. */
export function layerOutputs(model: tfl.LayersModel, images: tf.Tensor4D, names: readonly string[]): tf.Tensor4D[] {
  const layers = stackLayers(model);
  const positions = names.map((n) => indexOf(layers, n));
  const outputs = new Map<number, tf.Tensor4D>();
  let h: tf.Tensor = images;
  for (let i = 0; i <= Math.max(...positions); i++) {
    h = layers[i].apply(h) as tf.Tensor;
    if (positions.includes(i)) outputs.set(i, h as tf.Tensor4D);
  }
  return positions.map((p) => outputs.get(p) as tf.Tensor4D);
}

/**
 * Conv layer `name`'s output before its activation: the layers before it as trained, then the
 * layer's own kernel and bias. (A conv layer with relu built in has no separate pre-ReLU output.)
 */
export function preActivation(model: tfl.LayersModel, images: tf.Tensor4D, name: string): tf.Tensor4D {
  const layers = stackLayers(model);
  const position = indexOf(layers, name);
  const layer = layers[position];
  if (layer.getClassName() !== 'Conv2D') throw new Error(`channel dictionary: layer ${name} is a ${layer.getClassName()}, not a Conv2D`);
  let h: tf.Tensor = images;
  for (let i = 0; i < position; i++) h = layers[i].apply(h) as tf.Tensor;
  const config = layer.getConfig();
  const strides = config.strides as number | [number, number];
  const [kernel, bias] = layer.getWeights();
  const z = tf.conv2d(h as tf.Tensor4D, kernel as tf.Tensor4D, strides, config.padding === 'same' ? 'same' : 'valid');
  return bias ? tf.add(z, bias) : z;
}
