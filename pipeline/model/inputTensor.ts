// Pixels as the model takes them. The data stages load every image as height × width × channels
// floats in [0, 1]; a model trained on raw bytes (--input-scale byte) wants them × 255. This is the
// one place that turns pixels into the model's input, so every stage feeds a model the same way.
import * as tf from '@tensorflow/tfjs-core';
import type * as tfl from '@tensorflow/tfjs-layers';
import { inputSize, type ModelInput } from './description';

/** The input a built model declares ([batch, h, w, c]), with the pixel scale it is fed at. */
export function inputOf(model: tfl.LayersModel, scale: ModelInput['scale'] = 'unit'): ModelInput {
  const shape = model.inputs[0]?.shape ?? [];
  if (shape.length !== 4 || shape.slice(1).some((d) => d === null)) {
    throw new Error(`the model's input must be images of fixed height × width × channels, got shape [${shape.map((d) => d ?? 'None').join(', ')}]`);
  }
  const [, height, width, channels] = shape as number[];
  return { height, width, channels, scale };
}

/** n images of [0, 1] pixels as an n × h × w × c tensor (still in [0, 1]: what attributions are taken over). */
export function pixelsTensor(pixels: Float32Array, n: number, input: ModelInput): tf.Tensor4D {
  const size = inputSize(input);
  if (pixels.length !== n * size) {
    throw new Error(`${n} images of ${input.height}×${input.width}×${input.channels} need ${n * size} pixel values, got ${pixels.length}`);
  }
  return tf.tensor4d(pixels, [n, input.height, input.width, input.channels]);
}

/** A tensor of [0, 1] pixels on the model's input scale (unchanged for 'unit', × 255 for 'byte'). */
export function toModelScale<T extends tf.Tensor>(x: T, input: Pick<ModelInput, 'scale'>): T {
  return input.scale === 'byte' ? (tf.mul(x, 255) as T) : x;
}

/** n images of [0, 1] pixels as the tensor the model takes. */
export function inputTensor(pixels: Float32Array, n: number, input: ModelInput): tf.Tensor4D {
  return toModelScale(pixelsTensor(pixels, n, input), input);
}
