import { existsSync, readFileSync } from 'node:fs';
import { dirname, isAbsolute, join, normalize } from 'node:path';
import { type ModelFileContents } from './modelFileContents';
import { ModelFileError, isObject, type Json, type JsonObject } from './modelFileError';
import type { FileWeight, FileWeights } from './weights';

interface WeightSpec {
  name: string;
  shape: number[];
  dtype: string;
}

/** The layer a TF.js weight name belongs to: `conv2d/kernel` → conv2d (also `sequential/conv2d/kernel`). */
const layerOf = (name: string) => name.split('/').slice(-2)[0];

function specs(group: JsonObject, file: string): WeightSpec[] {
  const list = Array.isArray(group.weights) ? group.weights : [];
  return list.map((w) => {
    if (!isObject(w) || typeof w.name !== 'string' || !Array.isArray(w.shape)) throw new ModelFileError(`${file}: a weightsManifest entry is not {name, shape, dtype}; the model.json is damaged.`);
    if (w.quantization != null) throw new ModelFileError(`${file}: weight ${w.name} is quantized; export the model without quantization (tensorflowjs_converter without --quantize_*).`);
    const dtype = String(w.dtype ?? 'float32');
    if (dtype !== 'float32') throw new ModelFileError(`${file}: weight ${w.name} is ${dtype}; only float32 weights are read. Export the model with float32 weights.`);
    return { name: w.name, shape: w.shape.map(Number), dtype };
  });
}

/** A shard path from the manifest, refused when it would leave the model's folder. */
function shardPath(modelJson: string, path: Json): string {
  if (typeof path !== 'string' || isAbsolute(path) || normalize(path).startsWith('..')) {
    throw new ModelFileError(`${modelJson}: weight shard path ${JSON.stringify(path)} is not a file name beside model.json; shards must sit in the model's folder.`);
  }
  const full = join(dirname(modelJson), path);
  if (!existsSync(full)) throw new ModelFileError(`${modelJson}: weight shard ${path} is missing (looked for ${full}); copy every .bin file the manifest lists next to model.json.`);
  return full;
}

/** Reads a TF.js layers `model.json` (from tf.loadLayersModel's format) and, with weights, its shards from disk. */
export function readTfjsModel(json: JsonObject, file: string, withWeights: boolean): ModelFileContents {
  const topology = json.modelTopology;
  if (!isObject(topology)) throw new ModelFileError(`${file} has no modelTopology; expected a TF.js layers model.json (written by model.save or tensorflowjs_converter --output_format tfjs_layers_model). A graph model cannot be read.`);
  const modelConfig = isObject(topology.model_config) ? topology.model_config : topology;
  const generatedBy = [json.generatedBy, json.convertedBy].filter((v) => typeof v === 'string').join('; ') || null;
  const kerasVersion = typeof topology.keras_version === 'string' ? topology.keras_version : null;
  const training = topology.training_config ?? json.trainingConfig ?? null;
  const base = { format: 'tfjs' as const, modelConfig, kerasVersion, generatedBy, training };
  if (!withWeights) return { ...base, weights: null };
  const manifest = Array.isArray(json.weightsManifest) ? json.weightsManifest.filter(isObject) : [];
  if (manifest.length === 0) throw new ModelFileError(`${file} lists no weights (no weightsManifest); it is an architecture only. Pass it with --architecture to train it here, or export the trained model with its weights.`);
  const weights: FileWeights = new Map();
  const shards: Uint8Array[] = [];
  for (const group of manifest) {
    const paths = Array.isArray(group.paths) ? group.paths : [];
    const parts = paths.map((p) => readFileSync(shardPath(file, p)));
    shards.push(...parts);
    const data = Buffer.concat(parts);
    let offset = 0;
    for (const spec of specs(group, file)) {
      const count = spec.shape.reduce((a, b) => a * b, 1);
      const end = offset + 4 * count;
      if (end > data.length) throw new ModelFileError(`${file}: the shards of weight group ${JSON.stringify(paths)} hold ${data.length} bytes, fewer than the ${end} its weights need; a shard is truncated. Copy the .bin files again.`);
      const values = new Float32Array(data.buffer.slice(data.byteOffset + offset, data.byteOffset + end));
      const layer = layerOf(spec.name);
      const w: FileWeight = { name: spec.name, shape: spec.shape, values };
      weights.set(layer, [...(weights.get(layer) ?? []), w]);
      offset = end;
    }
  }
  return { ...base, weights, shards };
}
