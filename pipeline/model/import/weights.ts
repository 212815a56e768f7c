import type { ShapedLayer } from './layerShapes';
import { ModelFileError } from './modelFileError';

/** A weight array as a file stores it. */
export interface FileWeight {
  /** As the file names it: `conv2d/kernel:0`, `sequential/conv2d/kernel`, `vars/0`, … */
  name: string;
  shape: number[];
  values: Float32Array;
}

/** The file's weights per layer name, in the file's order. */
export type FileWeights = Map<string, FileWeight[]>;

const fmt = (s: number[]) => `[${s.join(', ')}]`;
const role = (name: string) => name.split('/').pop()!.replace(/:\d+$/, '');

/**
 * The file's weights for every layer, in the order the built layer takes them, after checking them
 * against what the configuration calls for: a layer without weights in the file, a wrong count,
 * a wrong shape (both named), weights for a layer the configuration lacks. Plain arrays only: no
 * tensor is made before all of this holds.
 */
export function matchWeights(layers: ShapedLayer[], stored: FileWeights, file: string): Map<string, FileWeight[]> {
  const matched = new Map<string, FileWeight[]>();
  const names = new Set(layers.map((l) => l.name));
  for (const [name, list] of stored) {
    if (list.length > 0 && !names.has(name)) {
      throw new ModelFileError(`${file}: the file holds weights for a layer "${name}" that its configuration does not have (layers: ${[...names].join(', ')}); the file is inconsistent. Re-save the model.`);
    }
  }
  for (const layer of layers) {
    if (layer.weights.length === 0) continue;
    const where = `${file}: layer "${layer.name}" (${layer.className})`;
    const wanted = layer.weights.map((w) => `${w.role} ${fmt(w.shape)}`).join(', ');
    let found = stored.get(layer.name) ?? [];
    if (found.length === 0) throw new ModelFileError(`${where} has weights in its configuration (${wanted}) but none in the file; the file holds no trained values for it. Save the whole trained model (model.save) and pass that file.`);
    if (found.length !== layer.weights.length) {
      throw new ModelFileError(`${where}: the configuration calls for ${layer.weights.length} weights (${wanted}), the file has ${found.length} (${found.map((w) => `${w.name} ${fmt(w.shape)}`).join(', ')}).`);
    }
    // Legacy files name their weights (kernel:0, gamma, …): follow the names when they all say a role; else Keras's order.
    const roles = found.map((w) => role(w.name));
    if (layer.weights.every((w) => roles.includes(w.role))) found = layer.weights.map((w) => found[roles.indexOf(w.role)]);
    layer.weights.forEach((w, i) => {
      const got = found[i];
      if (got.shape.length !== w.shape.length || got.shape.some((d, k) => d !== w.shape[k])) {
        throw new ModelFileError(`${where}: weight ${w.role} has shape ${fmt(got.shape)} in the file (${got.name}) but the configuration needs ${fmt(w.shape)}; the weights do not belong to this configuration.`);
      }
    });
    matched.set(layer.name, found);
  }
  return matched;
}
