import * as tf from '@tensorflow/tfjs-core';
import type * as tfl from '@tensorflow/tfjs-layers';
import type { EpochRecord, TrainingHistory } from '../artifacts/types';
import type { Split } from '../data/loadMnist';
import { degenerateAdvice, DegenerateRunError } from '../evaluate/degenerate';
import { lossAndAccuracy } from '../evaluate/metrics';
import { predictOutputs } from '../evaluate/predict';
import { TrainingCallbacks } from './callbacks';
import { mulberry32, shuffledIndices } from './random';
import type { Batch, TrainStepper } from './stepper';

export interface TrainProgress {
  epochStart(epoch: number, maxEpochs: number, batches: number): void;
  batch(done: number, batches: number, images: number, seconds: number, loss: number, accuracy: number): void;
  epochEnd(record: EpochRecord, note: string): void;
}

export interface TrainOptions {
  model: tfl.LayersModel;
  stepper: TrainStepper;
  train: Split;
  validation: Split;
  maxEpochs: number;
  batchSize: number;
  patience: number;
  seed: number;
  progress: TrainProgress;
  /** Only to name it when the loss diverges. */
  learningRate?: number;
  now?: () => number; // milliseconds
  /**
   * Called with `model` holding the initial weights (epoch 0), then the weights each epoch ended with
   * (synced from the stepper, before validation and before the best weights are put back).
   */
  onWeights?: (epoch: number, model: tfl.LayersModel) => void;
  /** A stop request (SIGINT/SIGTERM): checked before every batch, so training ends within one step. */
  signal?: AbortSignal;
}

/** Stops the run when a loss is not a finite number, naming where it appeared and what to change. */
function checkLoss(loss: number, where: string, learningRate: number | undefined): void {
  if (Number.isFinite(loss)) return;
  throw new DegenerateRunError(`training diverged: the loss became ${loss} at ${where}. ${degenerateAdvice(learningRate)}`);
}

function gatherBatch(split: Split, order: Int32Array, start: number, size: number): Batch {
  const PIXELS = split.images.length / split.count;
  const xs = new Float32Array(size * PIXELS);
  const labels = new Int32Array(size);
  for (let i = 0; i < size; i++) {
    const src = order[start + i];
    xs.set(split.images.subarray(src * PIXELS, (src + 1) * PIXELS), i * PIXELS);
    labels[i] = split.labels[src];
  }
  return { xs, labels, size };
}

/**
 * Fits the model as the tutorial's `model.fit` does: shuffled mini-batches, validation after each epoch,
 * early stopping on validation loss, and a checkpoint of the best-validation-accuracy weights, which are
 * put back into `model` at the end.
 */
export async function trainModel(opts: TrainOptions): Promise<TrainingHistory> {
  const { model, stepper, train, validation, maxEpochs, batchSize, patience, progress } = opts;
  const now = opts.now ?? (() => performance.now());
  const random = mulberry32(opts.seed);
  const callbacks = new TrainingCallbacks(patience);
  const batches = Math.ceil(train.count / batchSize);
  const epochs: EpochRecord[] = [];
  let best: tf.Tensor[] | null = null;
  let stoppedEarly = false;
  const started = now();
  opts.onWeights?.(0, model);
  try {
    for (let epoch = 1; epoch <= maxEpochs; epoch++) {
      const order = shuffledIndices(train.count, random);
      progress.epochStart(epoch, maxEpochs, batches);
      const t0 = now();
      let lossSum = 0;
      let correct = 0;
      for (let b = 0; b < batches; b++) {
        opts.signal?.throwIfAborted();
        const start = b * batchSize;
        const size = Math.min(batchSize, train.count - start);
        const { loss, accuracy } = await stepper.step(gatherBatch(train, order, start, size));
        // Checked per batch: the first bad step ends the run rather than a whole epoch later.
        checkLoss(loss, `epoch ${epoch}, batch ${b + 1} of ${batches}`, opts.learningRate);
        lossSum += loss * size;
        correct += accuracy * size;
        const seen = start + size;
        progress.batch(b + 1, batches, seen, (now() - t0) / 1000, lossSum / seen, correct / seen);
      }
      const trainSeconds = (now() - t0) / 1000;
      await stepper.syncTo(model);
      opts.onWeights?.(epoch, model);
      const { logits } = await predictOutputs(model, validation.images, validation.count);
      const val = lossAndAccuracy(logits, validation.labels, validation.count);
      checkLoss(lossSum / train.count, `epoch ${epoch} (training loss over ${train.count} images)`, opts.learningRate);
      checkLoss(val.loss, `epoch ${epoch} (validation loss)`, opts.learningRate);
      const record: EpochRecord = {
        epoch,
        loss: lossSum / train.count,
        accuracy: correct / train.count,
        valLoss: val.loss,
        valAccuracy: val.accuracy,
        seconds: (now() - t0) / 1000,
        trainSeconds,
        imagesPerSecond: train.count / trainSeconds,
      };
      epochs.push(record);
      const decision = callbacks.observe(epoch, { valLoss: val.loss, valAccuracy: val.accuracy });
      if (decision.checkpoint) {
        tf.dispose(best ?? []);
        best = model.getWeights().map((w) => tf.keep(w.clone()));
      }
      const notes = [decision.checkpoint ? 'checkpoint: best val_accuracy' : '', decision.stop ? `early stop: val_loss has not improved for ${patience} epochs` : ''];
      progress.epochEnd(record, notes.filter(Boolean).join('; '));
      if (decision.stop) {
        // Keras reports the callback firing, even on the last allowed epoch.
        stoppedEarly = true;
        break;
      }
    }
    if (best) model.setWeights(best);
  } finally {
    tf.dispose(best ?? []);
  }
  return { epochs, bestEpoch: callbacks.bestEpoch, stoppedEarly, maxEpochs, patience, seconds: (now() - started) / 1000 };
}
