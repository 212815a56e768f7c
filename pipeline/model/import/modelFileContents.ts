import type { ModelSource } from '../description';
import { ModelFileError } from './modelFileError';
import type { FileWeights } from './weights';

/** What a reader takes out of a model file: plain data, nothing built yet. */
export interface ModelFileContents {
  format: NonNullable<ModelSource['format']>;
  /** The Keras (or TF.js topology) model configuration, as parsed JSON. */
  modelConfig: unknown;
  kerasVersion: string | null;
  generatedBy: string | null;
  /** Keras 2 / TF.js `training_config` or Keras 3 `compile_config`, when the file records one. */
  training: unknown;
  /** Weights per layer; null when the reader was asked for the configuration only. */
  weights: FileWeights | null;
  /** TF.js: the weight shards read, in manifest order (part of the model's SHA-256). */
  shards?: Uint8Array[];
}

/** JSON text from a model file, or an error naming the file and the part that is not JSON. */
export function parseJson(text: string, what: string): unknown {
  try {
    return JSON.parse(text);
  } catch (err) {
    throw new ModelFileError(`${what} is not valid JSON (${(err as Error).message}); the file is damaged or not a model file Keras or TF.js wrote.`);
  }
}
