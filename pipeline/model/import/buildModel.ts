import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import type { KerasChain } from './kerasConfig';
import { ModelFileError, isObject, type JsonObject } from './modelFileError';
import type { FileWeight } from './weights';

/** Each initializer gets its own seed derived from the run's, so an --architecture model starts the same every run. */
function seedInitializers(config: JsonObject, seed: number): JsonObject {
  const out: JsonObject = { ...config };
  let n = 0;
  for (const [key, value] of Object.entries(config)) {
    if (key.endsWith('_initializer') && isObject(value) && isObject(value.config)) {
      out[key] = { ...value, config: { ...value.config, seed: seed + n++ } };
    }
  }
  return out;
}

/**
 * The tfjs-layers Sequential for a checked chain, with the file's weights when given (already matched
 * to the configuration). tfjs only ever sees plain configuration data; nothing from the file runs.
 */
export async function buildSequential(chain: KerasChain, weights: Map<string, FileWeight[]> | null, file: string, seed?: number): Promise<tfl.Sequential> {
  const layers = chain.layers.map((l, i) => ({
    class_name: l.className,
    config: seed === undefined ? l.config : seedInitializers(l.config, seed + 1000 * i),
  }));
  let model: tfl.LayersModel;
  try {
    model = await tfl.models.modelFromJSON({ class_name: 'Sequential', config: { name: chain.name, layers } } as never);
  } catch (err) {
    throw new ModelFileError(`${file}: TF.js could not build the model from its configuration: ${(err as Error).message}. Re-save the model with standard Keras layers and settings.`);
  }
  if (!(model instanceof tfl.Sequential)) throw new ModelFileError(`${file}: the configuration did not build a Sequential model.`);
  if (weights) {
    for (const layer of model.layers) {
      const values = weights.get(layer.name);
      if (!values) continue;
      const tensors = values.map((w) => tf.tensor(w.values, w.shape, 'float32'));
      layer.setWeights(tensors);
      tf.dispose(tensors);
    }
  }
  return model;
}
