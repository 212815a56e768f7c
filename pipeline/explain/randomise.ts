// The model randomisation test of Adebayo et al. (2018): a copy of the trained model whose layers
// are re-initialised one after another from the top, with the initialisers training started from
// (seeded). If a method's maps barely change, they do not depend on what the model learned.
import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { deserializeModel, serializeModel } from '../artifacts/saveModel';
import type { ModelDescription } from '../model/description';

/** A copy with its own weights (serialised and loaded back), so the trained model is never touched. */
export async function copyModel(model: tfl.LayersModel): Promise<tfl.LayersModel> {
  const { modelJson, weights } = await serializeModel(model);
  return deserializeModel(modelJson, weights);
}

/** The described layers with weights, last first: the order of the cascade (for the tutorial: dense_1, dense, conv2d_2, …). */
export function cascadeOrder(description: Pick<ModelDescription, 'weighted'>): string[] {
  return [...description.weighted].reverse();
}

type Initializer = { apply(shape: number[], dtype?: 'float32'): tf.Tensor };
type InitializerConfig = { className: string; config: Record<string, unknown> };
const factories = tfl.initializers as unknown as Record<string, (config: Record<string, unknown>) => Initializer>;

/** The layer's own initialiser for `weight` ('kernel', 'bias'), rebuilt with a new seed. */
export function initializerOf(layer: tfl.layers.Layer, weight: string, seed: number): Initializer {
  const spec = (layer.getConfig() as Record<string, unknown>)[`${weight}Initializer`] as InitializerConfig | undefined;
  const name = spec && spec.className.charAt(0).toLowerCase() + spec.className.slice(1);
  const make = name ? factories[name] : undefined;
  if (!spec || !make) throw new Error(`randomisation: layer ${layer.name} has no known initialiser for its ${weight} (${spec?.className ?? 'none'})`);
  return make({ ...spec.config, ...('seed' in spec.config ? { seed } : {}) });
}

/** Replaces every weight of layer `name` with a fresh draw from its initialiser (seeded). */
export function randomiseLayer(model: tfl.LayersModel, name: string, seed: number): void {
  const layer = model.getLayer(name);
  const fresh = layer.weights.map((w, i) => {
    const kind = w.originalName.split('/').pop() as string;
    return initializerOf(layer, kind, seed + i).apply(w.shape as number[], 'float32');
  });
  layer.setWeights(fresh);
  tf.dispose(fresh);
}
