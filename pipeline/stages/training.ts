import type * as tfl from '@tensorflow/tfjs-layers';
import { describeFile } from '../artifacts/describeFile';
import { serializeModel } from '../artifacts/saveModel';
import type { Staging } from '../artifacts/staging';
import type { ArtifactFile, ArtifactKind, BackendInfo, Evaluation, ModelSummary, PipelineConfig, TrainingHistory } from '../artifacts/types';
import { ARTICLE_SAMPLE } from '../data/articleSample';
import type { MnistData } from '../data/loadMnist';
import { argmaxRows, evaluatePredictions } from '../evaluate/metrics';
import { predictOutputs } from '../evaluate/predict';
import { quantiseProbabilities } from '../evaluate/report';
import { createModel } from '../model/createModel';
import { inputSize } from '../model/description';
import { describeModel } from '../model/describeModel';
import { summarizeModel } from '../model/summary';
import { createStepperFor } from '../train/createStepperFor';
import { createTimelapseRecorder } from '../train/timelapse';
import { encodeTimelapse, TIMELAPSE_RECORD_PATH } from '../train/timelapseRecord';
import { trainModel, type TrainProgress } from '../train/trainModel';

export interface TrainingOptions {
  config: PipelineConfig;
  data: MnistData;
  backend: BackendInfo;
  staging: Staging;
  log: (line: string) => void;
  progress: TrainProgress;
  signal?: AbortSignal;
}

export interface TrainingResult {
  model: tfl.LayersModel;
  /** The backend as it really trained (e.g. with its worker count). */
  info: BackendInfo;
  history: TrainingHistory;
  evaluation: Evaluation;
  summary: ModelSummary;
  /** Argmax and softmax outputs of the kept weights on the test set, for the drawing stages. */
  predictions: { predicted: Int32Array; probabilities: Float32Array };
  files: ArtifactFile[];
  timings: { train: number; evaluate: number };
}

const json = (x: unknown) => JSON.stringify(x, null, 1);

/** Trains, evaluates and writes the training files (TRAINING_KINDS) into the staging folder. */
export async function runTraining({ config, data, backend, staging, log, progress, signal }: TrainingOptions): Promise<TrainingResult> {
  const clock = () => performance.now() / 1000;
  const model = createModel({ seed: config.seed });
  // What this stage needs of the network it trains: its input, first convolution and read-out.
  const description = describeModel(model, { kind: 'tutorial' });
  const TIMELAPSE_LAYER = description.firstConvolution;
  const pixels = inputSize(description.input);
  const summary = summarizeModel(model);
  const { stepper, info } = await createStepperFor(model, backend, config, log);
  if (info !== backend) log(`training: ${info.description}`);
  log(`training on ${data.train.count} images, validating on ${data.test.count}, batch ${config.batchSize}, at most ${config.epochs} epochs`);
  const recorder = createTimelapseRecorder(data.test.images.slice(ARTICLE_SAMPLE * pixels, (ARTICLE_SAMPLE + 1) * pixels), TIMELAPSE_LAYER, description.input);
  const tTrain = clock();
  let history: TrainingHistory;
  try {
    history = await trainModel({
      model,
      stepper,
      train: data.train,
      validation: data.test,
      maxEpochs: config.epochs,
      batchSize: config.batchSize,
      patience: config.patience,
      learningRate: config.learningRate,
      seed: config.seed,
      progress,
      onWeights: recorder.record,
      signal,
    });
  } finally {
    await stepper.dispose();
  }
  const train = clock() - tTrain;
  log(`best epoch ${history.bestEpoch} of ${history.epochs.length} (weights of that epoch kept)`);

  const tEval = clock();
  const { logits, probabilities } = await predictOutputs(model, data.test.images, data.test.count, description);
  const evaluation = evaluatePredictions(logits, data.test.labels, data.test.count);
  const evaluate = clock() - tEval;
  log(`test accuracy ${evaluation.testAccuracy.toFixed(4)}, test loss ${evaluation.testLoss.toFixed(4)}, ${evaluation.misclassified} misclassified`);

  const files: ArtifactFile[] = [];
  const put = async (rel: string, content: string | Uint8Array, kind: ArtifactKind, meta?: Record<string, unknown>) => {
    await staging.write(rel, content);
    files.push(await describeFile(staging.dir, rel, kind, meta));
  };
  await put('history.json', json(history), 'history');
  await put('summary.json', json(summary), 'summary');
  await put('evaluation.json', json(evaluation), 'evaluation');
  await put('data.json', json(data.info), 'data-info');
  const predicted = argmaxRows(logits, data.test.count);
  await put('probabilities.u8', quantiseProbabilities(probabilities), 'probabilities', { shape: [data.test.count, description.classes], encoding: 'uint8, p·255 rounded' });
  await put('predictions.json', json({ count: data.test.count, labels: Array.from(data.test.labels), predicted: Array.from(predicted), probabilitiesPath: 'probabilities.u8' }), 'predictions');
  const timelapse = encodeTimelapse(recorder.frames, { layer: TIMELAPSE_LAYER, sample: ARTICLE_SAMPLE, kernelShape: recorder.kernelShape(), mapShape: recorder.mapShape() });
  await put(timelapse.index.data, timelapse.data, 'timelapse-record', { frames: recorder.frames.length });
  await put(TIMELAPSE_RECORD_PATH, json(timelapse.index), 'timelapse-record-index', { layer: TIMELAPSE_LAYER, sample: ARTICLE_SAMPLE });
  const saved = await serializeModel(model);
  await put('model/model.json', saved.modelJson, 'model');
  await put('model/weights.bin', saved.weights, 'model-weights');
  return { model, info, history, evaluation, summary, predictions: { predicted, probabilities }, files, timings: { train, evaluate } };
}
