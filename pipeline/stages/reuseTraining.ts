import type * as tfl from '@tensorflow/tfjs-layers';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { TRAINING_KINDS } from '../artifacts/cacheKeys';
import { loadSavedModel } from '../artifacts/saveModel';
import type { Staging } from '../artifacts/staging';
import type { ArtifactFile, Manifest, PredictionsIndex } from '../artifacts/types';
import type { Split } from '../data/loadMnist';
import { argmaxRows } from '../evaluate/metrics';
import { predictOutputs } from '../evaluate/predict';

export interface ReusedTraining {
  model: tfl.LayersModel;
  predictions: { predicted: Int32Array; probabilities: Float32Array };
  files: ArtifactFile[];
}

/**
 * For a redraw: copies the training files of the current artifacts (already verified against the
 * manifest) into the staging folder, loads the saved model and predicts the test set again, which on
 * the same backend gives the same outputs the training run drew from.
 */
export async function reuseTraining(outDir: string, manifest: Manifest, staging: Staging, test: Split): Promise<ReusedTraining> {
  const files = manifest.files.filter((f) => TRAINING_KINDS.has(f.kind));
  for (const f of files) await staging.write(f.path, await readFile(path.join(outDir, f.path)));
  const model = await loadSavedModel(path.join(outDir, 'model'));
  const { logits, probabilities } = await predictOutputs(model, test.images, test.count, manifest.model);
  const predicted = argmaxRows(logits, test.count);
  const saved = JSON.parse(await readFile(path.join(outDir, 'predictions.json'), 'utf8')) as PredictionsIndex;
  if (saved.count !== test.count || saved.predicted.some((p, i) => p !== predicted[i])) {
    model.dispose();
    throw new Error(`the saved model in ${outDir} no longer predicts what predictions.json records; retrain with --force.`);
  }
  return { model, predictions: { predicted, probabilities }, files };
}
