import { child, withHdf5, readWeight, type H5Group } from './hdf5';
import { ModelFileError } from './modelFileError';
import type { FileWeight, FileWeights } from './weights';

/**
 * The weights of a Keras 3 `model.weights.h5`: one group per layer under `layers/` (tf.keras 2.13–2.15
 * wrote `_layer_checkpoint_dependencies/`), its variables as datasets `vars/0`, `vars/1`, … in the
 * layer's own order (kernel, bias; gamma, beta, moving mean, moving variance). Optimizer state is skipped.
 */
export async function readKerasWeights(bytes: Uint8Array, what: string): Promise<FileWeights> {
  return withHdf5(bytes, what, (f) => {
    const root = f as unknown as H5Group;
    const layers = (child(root, 'layers') ?? child(root, '_layer_checkpoint_dependencies')) as H5Group | null;
    if (!layers) throw new ModelFileError(`${what} has no "layers" group; expected the weights file of a Keras 3 .keras archive. Re-save the model with model.save('model.keras').`);
    const weights: FileWeights = new Map();
    for (const name of layers.keys()) {
      const vars = child(layers, `${name}/vars`) as H5Group | null;
      const list: FileWeight[] = [];
      if (vars) {
        const indices = vars.keys().filter((k) => /^\d+$/.test(k)).map(Number).sort((a, b) => a - b);
        for (const i of indices) {
          const w = readWeight(vars, String(i), `${what}: layer "${name}"`);
          if (w) list.push({ ...w, name: `layers/${name}/vars/${i}` });
        }
      }
      weights.set(name, list);
    }
    return weights;
  });
}
