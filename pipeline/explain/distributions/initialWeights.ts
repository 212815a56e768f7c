// The drawing stages only have the trained model. For the tutorial, the weights training started from
// are rebuilt from the run's seed with the factory training uses (pipeline/model/chooseModel.ts calls
// createModel({ seed, input, classes }) with the data's shape and class count, which the description records). For any other model the reference is a seeded draw from each layer's own
// kernel initialiser: the distribution a training run of it starts from.
import type * as tfl from '@tensorflow/tfjs-layers';
import * as tf from '@tensorflow/tfjs-core';
import { createModel } from '../../model/createModel';
import type { ModelDescription } from '../../model/description';
import { initializerOf } from '../randomise';

/** Kernel values (biases start at zero) of every layer that has weights, as training started them (see above). */
export function initialKernels(seed: number, trained?: tfl.LayersModel, description?: Pick<ModelDescription, 'source' | 'weighted' | 'input' | 'classes'>): Map<string, Float32Array> {
  if (trained && description && description.source.kind !== 'tutorial') return drawnKernels(trained, description.weighted, seed);
  // Without a description: the tutorial on MNIST (createModel's defaults).
  const shape = description && { input: { height: description.input.height, width: description.input.width, channels: description.input.channels }, classes: description.classes };
  const model = createModel({ seed, ...shape });
  try {
    return kernelsOf(model);
  } finally {
    model.dispose();
  }
}

/** The first weight (the kernel) of each layer that has weights, copied out of the model. */
export function kernelsOf(model: { layers: { name: string; getWeights(): { dataSync(): ArrayLike<number> }[] }[] }): Map<string, Float32Array> {
  const kernels = new Map<string, Float32Array>();
  for (const layer of model.layers) {
    const [kernel] = layer.getWeights();
    if (kernel) kernels.set(layer.name, Float32Array.from(kernel.dataSync()));
  }
  return kernels;
}

/** A seeded draw from the initialiser of each weighted layer's first weight, in `weighted` order. */
export function drawnKernels(model: tfl.LayersModel, weighted: readonly string[], seed: number): Map<string, Float32Array> {
  const kernels = new Map<string, Float32Array>();
  weighted.forEach((name, k) => {
    const layer = model.getLayer(name);
    const [first] = layer.weights;
    if (!first) return;
    // The first weight, as kernelsOf reads it (a kernel; gamma for a normalisation layer).
    const kind = first.originalName.split('/').pop() as string;
    const draw = initializerOf(layer, kind, seed + k).apply(first.shape as number[], 'float32');
    kernels.set(name, Float32Array.from(draw.dataSync()));
    tf.dispose(draw);
  });
  return kernels;
}
