import { createHash } from 'node:crypto';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { basename, extname } from 'node:path';
import type * as tfl from '@tensorflow/tfjs-layers';
import type { ModelSource } from '../description';
import { buildSequential } from './buildModel';
import { kerasChain } from './kerasConfig';
import { readKerasZip } from './kerasZip';
import { shapeChain } from './layerShapes';
import { readLegacyH5 } from './legacyH5';
import { parseJson, type ModelFileContents } from './modelFileContents';
import { ModelFileError, isObject } from './modelFileError';
import { readTfjsModel } from './tfjsModel';
import { optimizerAndLoss } from './trainingConfig';
import { matchWeights } from './weights';

export { ModelFileError } from './modelFileError';

export interface LoadedModel {
  model: tfl.Sequential;
  source: ModelSource;
  /** What the import changed that the log should say (e.g. SpatialDropout2D read as Dropout). */
  notes: string[];
}

export const MODEL_EXTENSIONS = ['.keras', '.h5', '.hdf5', '.json'] as const;

type Flag = '--model' | '--architecture';

/** The file's bytes, or an error saying it is not there. */
function readBytes(file: string, flag: Flag): Uint8Array {
  if (!existsSync(file) || !statSync(file).isFile()) {
    throw new ModelFileError(`${flag} ${file}: no such file; give the path of a Keras .keras / .h5 file or a TF.js model.json.`);
  }
  return readFileSync(file);
}

/** One reader per container, chosen by the file's extension (and, for .json, by what the JSON holds). */
async function readContents(file: string, flag: Flag, withWeights: boolean): Promise<{ contents: ModelFileContents; bytes: Uint8Array }> {
  const ext = extname(file).toLowerCase();
  if (!(MODEL_EXTENSIONS as readonly string[]).includes(ext)) {
    throw new ModelFileError(`${flag} ${file}: unknown extension "${ext || '(none)'}"; accepted: .keras (Keras 3), .h5 / .hdf5 (legacy Keras HDF5), .json (TF.js model.json${flag === '--architecture' ? ' or a Keras model.to_json() configuration' : ''}).`);
  }
  const bytes = readBytes(file, flag);
  if (ext === '.keras') return { contents: await readKerasZip(bytes, file, withWeights), bytes };
  if (ext === '.h5' || ext === '.hdf5') return { contents: await readLegacyH5(bytes, file, withWeights), bytes };
  const json = parseJson(new TextDecoder().decode(bytes), file);
  if (isObject(json) && 'modelTopology' in json) return { contents: readTfjsModel(json, file, withWeights), bytes };
  if (isObject(json) && typeof json.class_name === 'string') {
    if (withWeights) throw new ModelFileError(`--model ${file}: this is a Keras model configuration without weights; pass it with --architecture to train it here, or pass a trained .keras / .h5 / TF.js model.`);
    const version = typeof json.keras_version === 'string' ? json.keras_version : null;
    return { contents: { format: 'keras-json', modelConfig: json, kerasVersion: version, generatedBy: null, training: null, weights: null }, bytes };
  }
  throw new ModelFileError(`${flag} ${file}: the JSON is neither a TF.js model.json (no modelTopology) nor a Keras configuration (no class_name).`);
}

function sourceOf(kind: ModelSource['kind'], file: string, contents: ModelFileContents, bytes: Uint8Array): ModelSource {
  const hash = createHash('sha256').update(bytes);
  for (const shard of contents.shards ?? []) hash.update(shard);
  const { optimizer, loss } = optimizerAndLoss(contents.training);
  return {
    kind,
    file: basename(file),
    format: contents.format,
    kerasVersion: contents.kerasVersion,
    generatedBy: contents.format === 'tfjs' ? contents.generatedBy : null,
    sha256: hash.digest('hex'),
    optimizer,
    loss,
  };
}

/**
 * --model: a trained model file (Keras 3 .keras, legacy .h5/.hdf5, TF.js model.json + shards) as a
 * tfjs-layers Sequential with the file's weights. The configuration is checked against the layer
 * vocabulary, and the weights against the configuration, before any tensor is made; nothing in the
 * file is executed.
 */
export async function loadModelFile(file: string): Promise<LoadedModel> {
  const { contents, bytes } = await readContents(file, '--model', true);
  const chain = kerasChain(contents.modelConfig, file);
  const weights = matchWeights(shapeChain(chain, file), contents.weights ?? new Map(), file);
  const model = await buildSequential(chain, weights, file);
  return { model, source: sourceOf('imported', file, contents, bytes), notes: chain.notes };
}

/**
 * --architecture: a model configuration only (Keras model.to_json(), a .keras or .h5 file's
 * configuration, a TF.js model.json), built with fresh initial weights (seeded when a seed is given)
 * for this pipeline to train. Any weights in the file are ignored.
 */
export async function loadArchitectureFile(file: string, seed?: number): Promise<LoadedModel> {
  const { contents, bytes } = await readContents(file, '--architecture', false);
  const chain = kerasChain(contents.modelConfig, file);
  shapeChain(chain, file);
  const model = await buildSequential(chain, null, file, seed);
  return { model, source: sourceOf('architecture', file, contents, bytes), notes: chain.notes };
}
