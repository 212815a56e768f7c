import { functionalChain } from './functionalChain';
import { ModelFileError, isObject, type Json, type JsonObject } from './modelFileError';
import { ACTIVATIONS, checkLayerEntry } from './vocabulary';

/** One layer of the stack, its configuration in the Keras 2 form tfjs-layers deserializes. */
export interface ChainLayer {
  className: string;
  name: string;
  config: JsonObject;
}

/** A model configuration read as a linear stack of layers, ready for tfjs-layers. */
export interface KerasChain {
  name: string;
  layers: ChainLayer[];
  /** [null, height, width, channels] */
  batchInputShape: (number | null)[];
  /** What the translation changed that a reader of the log should know (e.g. SpatialDropout2D read as Dropout). */
  notes: string[];
}

/** Keys Keras 3 adds around objects that tfjs-layers does not know. */
const WRAPPER_KEYS = new Set(['module', 'registered_name', 'shared_object_id', 'build_config', 'compile_config']);
/** Keys that would reach an object's prototype if copied by assignment. */
const UNSAFE_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

/** A nested Keras 3 object ({module, class_name, config, registered_name}) in the plain Keras 2 form. */
function plain(value: Json): Json {
  if (Array.isArray(value)) return value.map(plain);
  if (!isObject(value)) return value;
  // Keras 3's serialization of a Python tuple: {class_name: '__tuple__', config: {value: [...]}}.
  if (value.class_name === '__tuple__' && isObject(value.config) && Array.isArray(value.config.value)) return plain(value.config.value);
  const out: JsonObject = {};
  for (const [k, v] of Object.entries(value)) if (!WRAPPER_KEYS.has(k) && !UNSAFE_KEYS.has(k)) out[k] = plain(v);
  return out;
}

const INITIALIZER_NAMES: Record<string, string> = { LecunNormal: 'LeCunNormal', LecunUniform: 'LeCunUniform' };
const DISTRIBUTIONS: Record<string, string> = { truncated_normal: 'truncatedNormal', untruncated_normal: 'normal' };

function initializer(value: Json): Json {
  if (!isObject(value) || typeof value.class_name !== 'string') return value;
  const config = isObject(value.config) ? { ...value.config } : {};
  if (typeof config.distribution === 'string') config.distribution = DISTRIBUTIONS[config.distribution] ?? config.distribution;
  return { class_name: INITIALIZER_NAMES[value.class_name] ?? value.class_name, config };
}

function regularizer(value: Json, where: string): Json {
  if (!isObject(value) || typeof value.class_name !== 'string') return value;
  const c = isObject(value.config) ? value.config : {};
  const num = (v: Json | undefined) => (typeof v === 'number' ? v : 0);
  if (value.class_name === 'L1L2' || value.class_name === 'L1' || value.class_name === 'L2') {
    return { class_name: 'L1L2', config: { l1: num(c.l1), l2: num(c.l2) } };
  }
  throw new ModelFileError(`${where} uses regularizer ${value.class_name}, which is not supported (L1, L2, L1L2 are); remove it or use one of those.`);
}

/** The first axis-like value of a Keras 2 list axis ([3]) or a number. */
const single = (v: Json | undefined): Json | undefined => (Array.isArray(v) && v.length === 1 ? v[0] : v);

/** One layer's configuration, Keras 2 or 3, in the form tfjs-layers 4.22 reads (Keras 2, snake_case). */
function translateLayer(entry: JsonObject, file: string, notes: string[]): ChainLayer {
  let className = String(entry.class_name);
  const config = plain(isObject(entry.config) ? entry.config : {}) as JsonObject;
  const name = String(config.name ?? entry.name);
  const where = `${file}: layer "${name}" (${className})`;
  const refuse = (why: string) => new ModelFileError(`${where} ${why}; re-save the model without it.`);
  // Dtype policies (objects in Keras 3, 'mixed_float16' …) are read as float32: weights are stored as float32 variables.
  if ('dtype' in config) config.dtype = 'float32';
  if ('batch_shape' in config) {
    config.batch_input_shape = config.batch_shape;
    delete config.batch_shape;
  }
  for (const key of Object.keys(config)) {
    if (key.endsWith('_initializer')) config[key] = initializer(config[key]);
    if (key.endsWith('_regularizer')) config[key] = regularizer(config[key], where);
  }
  if (typeof config.activation === 'string') config.activation = ACTIVATIONS[config.activation];
  if (config.data_format === 'channels_first') throw refuse('uses data_format "channels_first" (only channels_last images are read)');
  switch (className) {
    case 'InputLayer':
      if (config.sparse === true || config.ragged === true) throw refuse('takes sparse or ragged input');
      delete config.optional;
      break;
    case 'Conv2D':
      if (config.groups != null && config.groups !== 1) throw refuse(`is a grouped convolution (groups ${String(config.groups)})`);
      break;
    case 'Dense':
      if (config.lora_rank != null) throw refuse('has a LoRA adapter (lora_rank)');
      delete config.lora_rank;
      delete config.lora_alpha;
      delete config.quantization_config;
      break;
    case 'BatchNormalization':
      config.axis = single(config.axis) ?? -1;
      if (config.axis !== -1 && config.axis !== 3) throw refuse(`normalises axis ${JSON.stringify(config.axis)}, not the channel axis`);
      if (config.renorm === true) throw refuse('uses batch renormalisation');
      delete config.synchronized;
      break;
    case 'GlobalAveragePooling2D':
    case 'GlobalMaxPooling2D':
      if (config.keepdims === true) throw refuse('keeps the pooled dimensions (keepdims)');
      delete config.keepdims;
      break;
    case 'LeakyReLU':
      // Keras 3 calls the slope negative_slope; Keras 2 and tfjs call it alpha.
      config.alpha = typeof config.negative_slope === 'number' ? config.negative_slope : typeof config.alpha === 'number' ? config.alpha : 0.3;
      delete config.negative_slope;
      break;
    case 'ReLU':
      if ((typeof config.negative_slope === 'number' && config.negative_slope !== 0) || (typeof config.threshold === 'number' && config.threshold !== 0)) {
        throw refuse('has a negative slope or threshold (tfjs ReLU has only max_value)');
      }
      break;
    case 'Softmax':
      config.axis = single(config.axis) ?? -1;
      break;
    case 'Rescaling':
      if (typeof config.scale !== 'number' || (config.offset != null && typeof config.offset !== 'number')) throw refuse('has per-channel scale or offset');
      break;
    case 'SpatialDropout2D':
      // tfjs-layers has no SpatialDropout2D; at inference both are the identity, so Dropout is exact here (not for training).
      className = 'Dropout';
      notes.push(`layer "${name}": SpatialDropout2D is read as Dropout (identical at inference; in training it drops single values, not whole channels)`);
      for (const key of Object.keys(config)) if (!['name', 'trainable', 'dtype', 'rate', 'seed'].includes(key)) delete config[key];
      break;
  }
  return { className, name, config };
}

/** [null, h, w, c] from the InputLayer or the first layer (Keras 2.0–2.x put it there), or the model's build shape. */
function batchInputShape(raw: JsonObject[], modelConfig: JsonObject, top: JsonObject): (number | null)[] | null {
  for (const layer of raw.slice(0, 1)) {
    const c = isObject(layer.config) ? layer.config : {};
    const shape = c.batch_input_shape ?? c.batch_shape;
    if (Array.isArray(shape)) return shape as (number | null)[];
  }
  const built = modelConfig.build_input_shape ?? (isObject(top.build_config) ? top.build_config.input_shape : undefined);
  return Array.isArray(built) ? (built as (number | null)[]) : null;
}

/**
 * Reads a Keras model configuration (Sequential or a single-chain functional model, Keras 2.0 to 3.x,
 * or the `model_config` wrapper of a TF.js topology) as a stack of layers. Every layer is checked
 * against the vocabulary before anything else is looked at.
 */
export function kerasChain(modelConfig: unknown, file: string): KerasChain {
  let top = modelConfig;
  if (isObject(top) && isObject(top.model_config)) top = top.model_config;
  if (!isObject(top) || typeof top.class_name !== 'string') {
    throw new ModelFileError(`${file}: expected a Keras model configuration ({"class_name": "Sequential", "config": …}), found ${Array.isArray(top) ? 'a list' : typeof top}; pass a file written by model.save() or model.to_json().`);
  }
  const cls = top.class_name;
  const config = Array.isArray(top.config) ? { layers: top.config } : isObject(top.config) ? top.config : {};
  const listed = (Array.isArray(config.layers) ? config.layers : []) as Json[];
  listed.forEach((entry, i) => checkLayerEntry(entry, i, file));
  let raw: JsonObject[];
  if (cls === 'Sequential') raw = listed.filter(isObject);
  else if (cls === 'Functional' || cls === 'Model') raw = functionalChain(config, file);
  else throw new ModelFileError(`${file}: the model is a ${cls}; expected a Sequential or functional Model whose layers are Keras built-ins. Re-save it as keras.Sequential([...]).`);
  if (raw.length === 0) throw new ModelFileError(`${file}: the model configuration has no layers.`);
  const shape = batchInputShape(raw, config, top);
  if (!shape || shape.length !== 4 || shape.slice(1).some((d) => typeof d !== 'number' || d <= 0)) {
    throw new ModelFileError(`${file}: the model's input shape is ${shape ? JSON.stringify(shape) : 'not recorded'}; expected images [None, height, width, channels] with fixed sizes. Build the model with keras.Input(shape=(28, 28, 1)) before saving.`);
  }
  const notes: string[] = [];
  const layers = raw.map((entry) => translateLayer(entry, file, notes));
  // tfjs reads the input shape from the first layer: give it there when no InputLayer carries it.
  if (layers[0].className !== 'InputLayer' && !Array.isArray(layers[0].config.batch_input_shape)) layers[0].config.batch_input_shape = shape;
  const names = new Set<string>();
  for (const l of layers) {
    if (names.has(l.name)) throw new ModelFileError(`${file}: two layers are named "${l.name}"; layer names must be unique.`);
    names.add(l.name);
  }
  return { name: String(config.name ?? 'model'), layers, batchInputShape: shape, notes };
}
