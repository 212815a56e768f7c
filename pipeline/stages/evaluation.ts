import type * as tfl from '@tensorflow/tfjs-layers';
import { describeFile } from '../artifacts/describeFile';
import { serializeModel } from '../artifacts/saveModel';
import type { Staging } from '../artifacts/staging';
import type { ArtifactFile, ArtifactKind, DataInfo, Evaluation, ModelSummary } from '../artifacts/types';
import type { Split } from '../data/loadMnist';
import { argmaxRows, evaluatePredictions } from '../evaluate/metrics';
import { predictOutputs } from '../evaluate/predict';
import { quantiseProbabilities } from '../evaluate/report';
import type { ModelDescription } from '../model/description';
import { summarizeModel } from '../model/summary';

export interface EvaluatedModel {
  evaluation: Evaluation;
  summary: ModelSummary;
  /** Argmax and softmax outputs of the model on the test set, for the drawing stages. */
  predictions: { predicted: Int32Array; probabilities: Float32Array };
  files: ArtifactFile[];
  seconds: number;
}

const json = (x: unknown) => JSON.stringify(x, null, 1);

/** A staging writer that also lists what it wrote, as the manifest records it. */
export function fileWriter(staging: Staging, files: ArtifactFile[]) {
  return async (rel: string, content: string | Uint8Array, kind: ArtifactKind, meta?: Record<string, unknown>) => {
    await staging.write(rel, content);
    files.push(await describeFile(staging.dir, rel, kind, meta));
  };
}

/**
 * Evaluates the kept model on the test set and writes what every report has, whether the model was
 * trained here or imported: summary, evaluation, data, predictions, probabilities and the model itself
 * in the TF.js layers format (the live explorer loads it).
 */
export async function evaluateAndSave({ model, description, test, data, staging, log }: {
  model: tfl.LayersModel; description: ModelDescription; test: Split; data: DataInfo; staging: Staging; log: (line: string) => void;
}): Promise<EvaluatedModel> {
  const t0 = performance.now() / 1000;
  const { logits, probabilities } = await predictOutputs(model, test.images, test.count, description);
  const evaluation = evaluatePredictions(logits, test.labels, test.count);
  const seconds = performance.now() / 1000 - t0;
  log(`test accuracy ${evaluation.testAccuracy.toFixed(4)}, test loss ${evaluation.testLoss.toFixed(4)}, ${evaluation.misclassified} misclassified`);
  const summary = summarizeModel(model);
  const files: ArtifactFile[] = [];
  const put = fileWriter(staging, files);
  await put('summary.json', json(summary), 'summary');
  await put('evaluation.json', json(evaluation), 'evaluation');
  await put('data.json', json(data), 'data-info');
  const predicted = argmaxRows(logits, test.count);
  await put('probabilities.u8', quantiseProbabilities(probabilities), 'probabilities', { shape: [test.count, description.classes], encoding: 'uint8, p·255 rounded' });
  await put('predictions.json', json({ count: test.count, labels: Array.from(test.labels), predicted: Array.from(predicted), probabilitiesPath: 'probabilities.u8' }), 'predictions');
  const saved = await serializeModel(model);
  await put('model/model.json', saved.modelJson, 'model');
  await put('model/weights.bin', saved.weights, 'model-weights');
  return { evaluation, summary, predictions: { predicted, probabilities }, files, seconds };
}
