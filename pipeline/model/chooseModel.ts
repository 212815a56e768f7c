import type * as tfl from '@tensorflow/tfjs-layers';
import path from 'node:path';
import type { DataInfo, PipelineConfig } from '../artifacts/types';
import { classCountOf } from '../../shared/data/classes';
import { createModel } from './createModel';
import { describeModel } from './describeModel';
import type { ModelDescription, ModelSource } from './description';

/** What the importers give back (pipeline/model/import). */
export interface LoadedModel {
  model: tfl.LayersModel;
  source: ModelSource;
  /** What the log should say about the reading (e.g. a layer read as another that computes the same). */
  notes?: string[];
}

export interface ModelImporters {
  loadModelFile(file: string): Promise<LoadedModel>;
  loadArchitectureFile(file: string, seed?: number): Promise<LoadedModel>;
}

export interface ChosenModel {
  model: tfl.LayersModel;
  description: ModelDescription;
  /** false for --model: the model is evaluated and drawn, never trained. */
  trainHere: boolean;
  notes: string[];
}

/** The model does not fit the data it is to be shown with: both sides are named. */
export class ModelDataMismatchError extends Error {
  override name = 'ModelDataMismatchError';
}

/** What the tutorial's network is built for when it is trained here: the data's image size, channels and class count. */
export interface DataShape {
  height: number;
  width: number;
  channels: number;
  classes: number;
}

/** The model the run shows: --model (imported), --architecture (trained here) or the tutorial's network (built for `data`, which only it needs). */
export async function chooseModel(config: PipelineConfig, importers: ModelImporters, data: DataShape | null): Promise<ChosenModel> {
  const scale = config.inputScale ?? 'unit';
  if (config.model) {
    const { model, source, notes = [] } = await importers.loadModelFile(config.model);
    return { model, description: describeModel(model, source, scale), trainHere: false, notes };
  }
  if (config.architecture) {
    const { model, source, notes = [] } = await importers.loadArchitectureFile(config.architecture, config.seed);
    return { model, description: describeModel(model, { ...source, kind: 'architecture' }, scale), trainHere: true, notes };
  }
  if (!data) throw new Error('chooseModel: the tutorial\'s network is built for the data, so the data shape is needed');
  const model = createModel({ seed: config.seed, input: { height: data.height, width: data.width, channels: data.channels }, classes: data.classes });
  return { model, description: describeModel(model, { kind: 'tutorial' }, scale), trainHere: true, notes: [] };
}

/**
 * Checks the model against the data before any work: the input must be the data's image size and
 * channels, and the output must score exactly the data's classes. Returns a note for the log when the
 * output is read as logits (no softmax).
 */
export function checkModelFitsData(description: ModelDescription, data: Pick<DataInfo, 'height' | 'width' | 'channels' | 'classes' | 'source' | 'format'>, file?: string | null): string | null {
  const { height, width, channels } = description.input;
  const dataChannels = data.channels;
  const dataClasses = classCountOf(data.classes);
  const what = file ? `the model in ${path.basename(file)}` : 'the model';
  if (height !== data.height || width !== data.width || channels !== dataChannels) {
    const takes = `${what} takes ${height}×${width}×${channels} images, but the data (${data.source})`;
    if (data.format === 'folder') {
      // The pictures follow the model's input unless --image-size or --channels said otherwise.
      const give = [height === width ? `--image-size ${height}` : null, `--channels ${channels}`].filter(Boolean).join(' ');
      const square = height === width ? '' : ` (its input is not square, which --image-size cannot give)`;
      throw new ModelDataMismatchError(`${takes} was fitted to ${data.height}×${data.width}×${dataChannels} by --image-size or --channels. Leave those flags out to fit the pictures to the model's input${square}, or give the model's: ${give}.`);
    }
    throw new ModelDataMismatchError(
      `${takes} holds ${data.height}×${data.width}×${dataChannels} images: IDX data is fixed at 28×28×1 as stored (--image-size and --channels only fit image folders). Use a model that takes 28×28×1 images, or an image folder (--data-dir with train/<class>/… and test/<class>/…), whose pictures are fitted to the model's input.`,
    );
  }
  if (description.classes !== dataClasses) {
    const logit = description.layers.find((l) => l.name === description.logitLayer);
    throw new ModelDataMismatchError(
      `${what} scores ${description.classes} classes (its last Dense layer, ${logit?.name ?? description.logitLayer}, has ${description.classes} units), but the data has ${dataClasses} classes. The output must be one unit per class of the data.`,
    );
  }
  if (description.softmax === 'none') return `${what} ends in a linear layer (${description.logitLayer}) without a softmax: its outputs are treated as logits and the softmax is applied here`;
  return null;
}
