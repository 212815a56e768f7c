import { child, stringAttr, stringListAttr, withHdf5, readWeight, type H5Group } from './hdf5';
import { parseJson, type ModelFileContents } from './modelFileContents';
import { ModelFileError } from './modelFileError';
import type { FileWeight, FileWeights } from './weights';

/**
 * The weights of a legacy Keras HDF5 file: `model_weights/<layer>` groups, each with a `weight_names`
 * attribute listing dataset paths relative to the group (`conv2d/kernel:0` in Keras 2,
 * `sequential/conv2d/kernel` in Keras 3's legacy saver), in trainable-then-non-trainable order.
 */
function legacyWeights(root: H5Group, file: string): FileWeights {
  const weights: FileWeights = new Map();
  const layerNames = stringListAttr(root, 'layer_names');
  for (const layer of layerNames) {
    const group = child(root, layer);
    if (!group) continue;
    const list: FileWeight[] = [];
    for (const name of stringListAttr(group as H5Group, 'weight_names')) {
      const w = readWeight(group as H5Group, name, `${file}: layer "${layer}"`);
      if (!w) throw new ModelFileError(`${file}: layer "${layer}" lists weight "${name}" but the file has no such dataset; the file is damaged. Re-save the model.`);
      list.push(w);
    }
    weights.set(layer, list);
  }
  return weights;
}

/** Reads a legacy Keras `.h5` / `.hdf5` model file (Keras 2.x, Keras 3's legacy saver). */
export async function readLegacyH5(bytes: Uint8Array, file: string, withWeights: boolean): Promise<ModelFileContents> {
  return withHdf5(bytes, file, (f) => {
    const root = f as unknown as H5Group;
    const config = stringAttr(root, 'model_config');
    if (config === null) {
      const weightsOnly = stringListAttr(root, 'layer_names').length > 0;
      throw new ModelFileError(
        weightsOnly
          ? `${file} holds weights only (model.save_weights or ModelCheckpoint(save_weights_only=True)), with no model configuration; save the whole model with model.save('model.h5') or model.save('model.keras'), and pass that file.`
          : `${file} is an HDF5 file but not a Keras model: it has no model_config attribute. Pass a file written by Keras model.save().`,
      );
    }
    const group = child(root, 'model_weights') as H5Group | null;
    if (withWeights && !group) throw new ModelFileError(`${file} has a model configuration but no model_weights group; it holds no trained weights. Pass a file written by model.save() after training, or use --architecture to train it here.`);
    const training = stringAttr(root, 'training_config');
    return {
      format: 'h5',
      modelConfig: parseJson(config, `${file}: the model_config attribute`),
      kerasVersion: stringAttr(root, 'keras_version') ?? (group ? stringAttr(group, 'keras_version') : null),
      generatedBy: null,
      training: training === null ? null : parseJson(training, `${file}: the training_config attribute`),
      weights: withWeights && group ? legacyWeights(group, file) : null,
    };
  });
}
