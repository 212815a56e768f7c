// Small model files written by the tests themselves, in the layouts Keras and TF.js write
// (legacy HDF5 as Keras 2 saves it, a Keras 3 .keras zip, a TF.js model.json + shard), with known weights.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { strToU8, zipSync } from 'fflate';
import h5wasm from 'h5wasm/node';

export interface NamedArray {
  shape: number[];
  values: Float32Array;
}

const sized = (shape: number[], f: (i: number) => number): NamedArray => {
  const n = shape.reduce((a, b) => a * b, 1);
  return { shape, values: Float32Array.from({ length: n }, (_, i) => f(i)) };
};

/** Known, distinct weights of the tiny network: 8×8×1 → Conv2D(2, 3×3, relu) → MaxPooling2D → Flatten → Dense(3, softmax). */
export function tinyWeights(): Record<'conv2d' | 'dense', NamedArray[]> {
  return {
    conv2d: [sized([3, 3, 1, 2], (i) => ((i % 7) - 3) / 5), sized([2], (i) => 0.1 * (i + 1))],
    dense: [sized([18, 3], (i) => ((i % 5) - 2) / 4), sized([3], (i) => -0.05 * i)],
  };
}

/** The tiny network's configuration as Keras 2.10 writes it (model_config / model.to_json()). */
export function keras2Config(extraLayers: object[] = []): object {
  return {
    class_name: 'Sequential',
    config: {
      name: 'sequential',
      layers: [
        { class_name: 'InputLayer', config: { batch_input_shape: [null, 8, 8, 1], dtype: 'float32', sparse: false, ragged: false, name: 'conv2d_input' } },
        { class_name: 'Conv2D', config: { name: 'conv2d', trainable: true, dtype: 'float32', filters: 2, kernel_size: [3, 3], strides: [1, 1], padding: 'valid', data_format: 'channels_last', dilation_rate: [1, 1], groups: 1, activation: 'relu', use_bias: true, kernel_initializer: { class_name: 'GlorotUniform', config: { seed: null } }, bias_initializer: { class_name: 'Zeros', config: {} }, kernel_regularizer: null, bias_regularizer: null, activity_regularizer: null, kernel_constraint: null, bias_constraint: null } },
        { class_name: 'MaxPooling2D', config: { name: 'max_pooling2d', trainable: true, dtype: 'float32', pool_size: [2, 2], padding: 'valid', strides: [2, 2], data_format: 'channels_last' } },
        ...extraLayers,
        { class_name: 'Flatten', config: { name: 'flatten', trainable: true, dtype: 'float32', data_format: 'channels_last' } },
        { class_name: 'Dense', config: { name: 'dense', trainable: true, dtype: 'float32', units: 3, activation: 'softmax', use_bias: true, kernel_initializer: { class_name: 'GlorotUniform', config: { seed: null } }, bias_initializer: { class_name: 'Zeros', config: {} }, kernel_regularizer: null, bias_regularizer: null, activity_regularizer: null, kernel_constraint: null, bias_constraint: null } },
      ],
    },
    keras_version: '2.10.0',
    backend: 'tensorflow',
  };
}

const policy = { module: 'keras', class_name: 'DTypePolicy', config: { name: 'float32' }, registered_name: null };
const k3 = (class_name: string, config: object, extra: object = {}) => ({ module: 'keras.layers', class_name, config: { trainable: true, dtype: policy, ...config }, registered_name: null, ...extra });
const k3init = (class_name: string, config: object = {}) => ({ module: 'keras.initializers', class_name, config, registered_name: null });

/** The tiny network's configuration as Keras 3 writes config.json (module, registered_name, dtype policies, batch_shape, build_config). */
export function keras3Config(middle: object[] = []): object {
  return {
    module: 'keras',
    class_name: 'Sequential',
    config: {
      name: 'sequential',
      trainable: true,
      dtype: policy,
      layers: [
        { module: 'keras.layers', class_name: 'InputLayer', config: { batch_shape: [null, 8, 8, 1], dtype: 'float32', sparse: false, ragged: false, name: 'input_layer', optional: false }, registered_name: null },
        k3('Conv2D', { name: 'conv2d', filters: 2, kernel_size: [3, 3], strides: [1, 1], padding: 'valid', data_format: 'channels_last', dilation_rate: [1, 1], groups: 1, activation: 'relu', use_bias: true, kernel_initializer: k3init('GlorotUniform', { seed: null }), bias_initializer: k3init('Zeros'), kernel_regularizer: { module: 'keras.regularizers', class_name: 'L2', config: { l2: 0.001 }, registered_name: null }, bias_regularizer: null, activity_regularizer: null, kernel_constraint: null, bias_constraint: null }, { build_config: { input_shape: [null, 8, 8, 1] } }),
        k3('MaxPooling2D', { name: 'max_pooling2d', pool_size: [2, 2], padding: 'valid', strides: [2, 2], data_format: 'channels_last' }),
        ...middle,
        k3('Flatten', { name: 'flatten', data_format: 'channels_last' }),
        k3('Dense', { name: 'dense', units: 3, activation: 'softmax', use_bias: true, kernel_initializer: k3init('GlorotUniform', { seed: null }), bias_initializer: k3init('Zeros'), kernel_regularizer: null, bias_regularizer: null, kernel_constraint: null, bias_constraint: null, lora_rank: null }, { build_config: { input_shape: [null, 18] } }),
      ],
      build_input_shape: [null, 8, 8, 1],
    },
    build_config: { input_shape: [null, 8, 8, 1] },
    compile_config: { optimizer: { module: 'keras.optimizers', class_name: 'Adam', config: { name: 'adam', learning_rate: 0.001 }, registered_name: null }, loss: 'sparse_categorical_crossentropy', metrics: ['accuracy'] },
  };
}

function dataset(group: InstanceType<typeof h5wasm.Group>, name: string, a: NamedArray): void {
  group.create_dataset({ name, data: a.values, shape: a.shape, dtype: '<f' });
}

/** A group path made one level at a time (h5wasm does not make intermediate groups). */
function groupAt(root: InstanceType<typeof h5wasm.Group>, path: string): InstanceType<typeof h5wasm.Group> {
  let at = root;
  for (const part of path.split('/').filter(Boolean)) at = (at.keys().includes(part) ? at.get(part) : at.create_group(part)) as InstanceType<typeof h5wasm.Group>;
  return at;
}

export interface LegacyH5Options {
  config?: object | null;
  /** Per layer name: weights as [name relative to the layer group, array]. */
  weights?: Record<string, [string, NamedArray][]>;
  layerNames?: string[];
  kerasVersion?: string;
  trainingConfig?: object | null;
  /** Leave out the model_weights group altogether. */
  noWeightsGroup?: boolean;
}

/** The tiny network's weights named as Keras 2 names them (`conv2d/kernel:0`). */
export function keras2WeightNames(w = tinyWeights()): Record<string, [string, NamedArray][]> {
  return {
    conv2d: [['conv2d/kernel:0', w.conv2d[0]], ['conv2d/bias:0', w.conv2d[1]]],
    max_pooling2d: [],
    flatten: [],
    dense: [['dense/kernel:0', w.dense[0]], ['dense/bias:0', w.dense[1]]],
  };
}

/** A legacy Keras HDF5 model file, in the layout Keras 2's save_model_to_hdf5 writes. */
export async function writeLegacyH5(path: string, o: LegacyH5Options = {}): Promise<void> {
  await h5wasm.ready;
  const f = new h5wasm.File(path, 'w');
  const config = o.config === undefined ? keras2Config() : o.config;
  const version = o.kerasVersion ?? '2.10.0';
  if (config) f.create_attribute('model_config', JSON.stringify(config));
  f.create_attribute('keras_version', version);
  f.create_attribute('backend', 'tensorflow');
  const training = o.trainingConfig === undefined ? { loss: 'categorical_crossentropy', optimizer_config: { class_name: 'Adam', config: { name: 'Adam', learning_rate: 0.001 } } } : o.trainingConfig;
  if (training) f.create_attribute('training_config', JSON.stringify(training));
  if (!o.noWeightsGroup) {
    const weights = o.weights ?? keras2WeightNames();
    const g = f.create_group('model_weights');
    g.create_attribute('layer_names', o.layerNames ?? Object.keys(weights));
    g.create_attribute('backend', 'tensorflow');
    g.create_attribute('keras_version', version);
    for (const [layer, list] of Object.entries(weights)) {
      const lg = g.create_group(layer);
      if (list.length === 0) lg.create_attribute('weight_names', new Float64Array(0));
      else lg.create_attribute('weight_names', list.map(([n]) => n));
      for (const [name, a] of list) {
        const parts = name.split('/');
        dataset(groupAt(lg, parts.slice(0, -1).join('/')), parts.at(-1)!, a);
      }
    }
  }
  f.close();
}

/** A Keras 3 model.weights.h5: layers/<layer>/vars/<i>, as saving_lib's H5IOStore writes it. */
export async function writeKerasWeightsH5(path: string, weights: Record<string, NamedArray[]>): Promise<Uint8Array> {
  await h5wasm.ready;
  const f = new h5wasm.File(path, 'w');
  const layers = f.create_group('layers');
  for (const [layer, list] of Object.entries(weights)) {
    const vars = groupAt(layers, `${layer}/vars`);
    list.forEach((a, i) => dataset(vars, String(i), a));
  }
  groupAt(f, 'optimizer/vars');
  f.close();
  const { readFileSync } = await import('node:fs');
  return readFileSync(path);
}

/** A Keras 3 .keras archive (zip) holding the given entries; config.json and metadata.json by default. */
export function kerasZip(entries: Record<string, Uint8Array | string>): Uint8Array {
  const files: Record<string, Uint8Array> = {};
  for (const [name, v] of Object.entries(entries)) files[name] = typeof v === 'string' ? strToU8(v) : v;
  return zipSync(files);
}

export const KERAS3_METADATA = JSON.stringify({ keras_version: '3.14.0', date_saved: '2026-05-09@08:55:51' });

/** A TF.js layers model.json + one shard, as tf.LayersModel.save('file://…') writes them. */
export function writeTfjsModel(dir: string, weights: Record<string, NamedArray[]> = tinyWeights(), config: object = keras2Config()): string {
  mkdirSync(dir, { recursive: true });
  const specs: object[] = [];
  const parts: Float32Array[] = [];
  const roles = ['kernel', 'bias'];
  for (const [layer, list] of Object.entries(weights)) {
    list.forEach((a, i) => {
      specs.push({ name: `${layer}/${roles[i]}`, shape: a.shape, dtype: 'float32' });
      parts.push(a.values);
    });
  }
  const bytes = Buffer.concat(parts.map((p) => Buffer.from(p.buffer, p.byteOffset, p.byteLength)));
  writeFileSync(join(dir, 'group1-shard1of1.bin'), bytes);
  const json = {
    format: 'layers-model',
    generatedBy: 'keras v2.10.0',
    convertedBy: 'TensorFlow.js Converter v4.22.0',
    modelTopology: { keras_version: '2.10.0', backend: 'tensorflow', model_config: config, training_config: { loss: 'categorical_crossentropy', optimizer_config: { class_name: 'Adam', config: {} } } },
    weightsManifest: [{ paths: ['group1-shard1of1.bin'], weights: specs }],
  };
  const file = join(dir, 'model.json');
  writeFileSync(file, JSON.stringify(json));
  return file;
}
