// The drawing stages only have the trained model. The weights training started from are rebuilt from the
// run's seed with the factory training uses (pipeline/stages/training.ts calls createModel({ seed })).
import { createModel } from '../../model/createModel';

/** Kernel values (biases start at zero) of every layer that has weights, as createModel({ seed }) initialises them. */
export function initialKernels(seed: number): Map<string, Float32Array> {
  const model = createModel({ seed });
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
