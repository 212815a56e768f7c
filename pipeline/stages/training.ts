import type * as tfl from '@tensorflow/tfjs-layers';
import type { Staging } from '../artifacts/staging';
import type { ArtifactFile, BackendInfo, Evaluation, ModelSummary, PipelineConfig, TrainingHistory } from '../artifacts/types';
import { ARTICLE_SAMPLE } from '../data/articleSample';
import type { MnistData } from '../data/loadMnist';
import { inputSize, type ModelDescription } from '../model/description';
import { evaluateAndSave, fileWriter } from './evaluation';
import { createStepperFor } from '../train/createStepperFor';
import { createTimelapseRecorder } from '../train/timelapse';
import { encodeTimelapse, TIMELAPSE_RECORD_PATH } from '../train/timelapseRecord';
import { trainModel, type TrainProgress } from '../train/trainModel';

export interface TrainingOptions {
  /** The untrained network: the tutorial's (createModel) or --architecture's; trained in place. */
  model: tfl.LayersModel;
  description: ModelDescription;
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

/** A split's images as the model is fed them: unchanged at unit scale, × 255 for --input-scale byte (a copy). */
function onModelScale<T extends { images: Float32Array }>(split: T, description: ModelDescription): T {
  return description.input.scale === 'byte' ? { ...split, images: split.images.map((v) => v * 255) } : split;
}

/** Trains, evaluates and writes the training files (TRAINING_KINDS) into the staging folder. */
export async function runTraining({ model, description, config, data, backend, staging, log, progress, signal }: TrainingOptions): Promise<TrainingResult> {
  const clock = () => performance.now() / 1000;
  const TIMELAPSE_LAYER = description.firstConvolution;
  const pixels = inputSize(description.input);
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
      train: onModelScale(data.train, description),
      validation: onModelScale(data.test, description),
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

  const evaluated = await evaluateAndSave({ model, description, test: data.test, data: data.info, staging, log });
  const files: ArtifactFile[] = [...evaluated.files];
  const put = fileWriter(staging, files);
  await put('history.json', json(history), 'history');
  const timelapse = encodeTimelapse(recorder.frames, { layer: TIMELAPSE_LAYER, sample: ARTICLE_SAMPLE, kernelShape: recorder.kernelShape(), mapShape: recorder.mapShape() });
  await put(timelapse.index.data, timelapse.data, 'timelapse-record', { frames: recorder.frames.length });
  await put(TIMELAPSE_RECORD_PATH, json(timelapse.index), 'timelapse-record-index', { layer: TIMELAPSE_LAYER, sample: ARTICLE_SAMPLE });
  const { evaluation, summary, predictions } = evaluated;
  return { model, info, history, evaluation, summary, predictions, files, timings: { train, evaluate: evaluated.seconds } };
}
