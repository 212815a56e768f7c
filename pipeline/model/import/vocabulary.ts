import { ModelFileError, isObject, type JsonObject } from './modelFileError';

/** The layer classes a linear stack may use (issue #20). SpatialDropout2D is read as Dropout. */
export const SUPPORTED_LAYERS = [
  'InputLayer', 'Conv2D', 'MaxPooling2D', 'AveragePooling2D', 'GlobalAveragePooling2D', 'GlobalMaxPooling2D',
  'BatchNormalization', 'Dropout', 'SpatialDropout2D', 'Activation', 'ReLU', 'LeakyReLU', 'Softmax',
  'Flatten', 'Reshape', 'Rescaling', 'ZeroPadding2D', 'Dense',
] as const;

const SUPPORTED = new Set<string>(SUPPORTED_LAYERS);

/** Keras activation names → the names tfjs-layers registers them under. */
export const ACTIVATIONS: Record<string, string> = {
  linear: 'linear', relu: 'relu', relu6: 'relu6', elu: 'elu', selu: 'selu', sigmoid: 'sigmoid',
  hard_sigmoid: 'hardSigmoid', tanh: 'tanh', softmax: 'softmax', softplus: 'softplus', softsign: 'softsign',
  swish: 'swish', silu: 'swish', gelu: 'gelu', mish: 'mish', log_softmax: 'logSoftmax',
};

/** Keys whose presence means the configuration carries code (Lambda bytecode, custom functions). */
const CODE_KEYS = new Set(['function', 'function_type', 'module_name_of_function', 'bytecode']);

function carriesCode(value: unknown): boolean {
  if (Array.isArray(value)) return value.some(carriesCode);
  if (!isObject(value)) return false;
  if (value.class_name === '__lambda__' || value.class_name === 'function' || value.module === 'builtins') return true;
  return Object.entries(value).some(([k, v]) => CODE_KEYS.has(k) || carriesCode(v));
}

/** Modules Keras writes for its own layers (Keras 3 and tf.keras 2.13+ `.keras` configurations). */
const isKerasLayerModule = (m: string) => m === 'keras.layers' || m.startsWith('keras.layers.') || m.startsWith('keras.src.layers');

/**
 * Refuses a layer entry that is not in the vocabulary, is a custom or unregistered class, or carries code:
 * checked on the raw configuration, before anything is built, and nothing in it is ever evaluated.
 */
export function checkLayerEntry(entry: unknown, index: number, file: string): void {
  const what = `${file}: layer ${index + 1}`;
  if (!isObject(entry) || typeof entry.class_name !== 'string') {
    throw new ModelFileError(`${what} is not a Keras layer entry ({"class_name": …, "config": {…}}); the file is not a Keras model configuration Keras wrote.`);
  }
  const cls = entry.class_name;
  const config = isObject(entry.config) ? entry.config : ({} as JsonObject);
  const name = typeof config.name === 'string' ? config.name : typeof entry.name === 'string' ? entry.name : `#${index + 1}`;
  const list = `supported layers: ${SUPPORTED_LAYERS.join(', ')}`;
  const refuse = (why: string) => new ModelFileError(`${file}: layer "${name}" (class ${cls}) ${why}; ${list}. Rebuild the model from these layers (nothing from the file is executed).`);
  if (typeof entry.module === 'string' && !isKerasLayerModule(entry.module)) throw refuse(`comes from module "${entry.module}", not keras.layers: custom classes are not read`);
  if (entry.registered_name != null && entry.registered_name !== cls) throw refuse(`is a registered custom class ("${String(entry.registered_name)}")`);
  if (cls === 'Lambda') throw refuse('is a Lambda layer, whose Python code the file carries and which is never run here');
  if (!SUPPORTED.has(cls)) throw refuse('is not in the layer vocabulary');
  if (carriesCode(config)) throw refuse('carries a function in its configuration, which is never run here');
  const activation = config.activation;
  if (activation != null && (typeof activation !== 'string' || !(activation in ACTIVATIONS))) {
    throw new ModelFileError(`${file}: layer "${name}" (class ${cls}) uses activation ${JSON.stringify(activation)}, which is not supported; supported activations: ${Object.keys(ACTIVATIONS).join(', ')}.`);
  }
}
