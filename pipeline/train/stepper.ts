import * as tf from '@tensorflow/tfjs-core';
import type * as tfl from '@tensorflow/tfjs-layers';
import { inputOf } from '../model/inputTensor';
import { applyLogits, type ApplyLayer } from '../model/logits';

/** One mini-batch, as plain arrays so it can cross a worker boundary. */
export interface Batch {
  /** size × 28 × 28 × 1 pixels in [0, 1]. */
  xs: Float32Array;
  /** size integer labels 0–9. */
  labels: Int32Array;
  size: number;
}

export interface StepResult {
  loss: number;
  accuracy: number;
}

/**
 * Runs optimizer steps. The plain implementation below trains the model in this thread;
 * a data-parallel one may split each batch across workers, as long as the result is the same
 * update of the same weights.
 */
export interface TrainStepper {
  /** One Adam step on the batch; returns the batch's mean loss and accuracy (dropout active). */
  step(batch: Batch): Promise<StepResult>;
  /** Copies the current weights into `model` (in `model.getWeights()` order). */
  syncTo(model: tfl.LayersModel): Promise<void>;
  dispose(): Promise<void>;
}

/**
 * Mean sparse categorical cross-entropy from logits (log-softmax, no clipping), as Keras computes it
 * for a softmax output layer: the value and gradient stay exact for confidently wrong images.
 */
export function sparseCategoricalCrossentropyFromLogits(labels: tf.Tensor1D, logits: tf.Tensor2D): tf.Scalar {
  return tf.tidy(() => tf.losses.softmaxCrossEntropy(tf.oneHot(tf.cast(labels, 'int32'), logits.shape[1]), logits) as tf.Scalar);
}

/** Share of rows whose highest score (logit or probability) is the label. */
export function batchAccuracy(labels: tf.Tensor1D, scores: tf.Tensor2D): tf.Scalar {
  return tf.tidy(() => tf.mean(tf.cast(tf.equal(tf.argMax(scores, -1), tf.cast(labels, 'int32')), 'float32')) as tf.Scalar);
}

export interface LocalStepperOptions {
  learningRate: number;
  /** How the step applies each layer (default: the layer itself; pipeline/train/trainingApply.ts for the addon's kernels). */
  applyLayer?: ApplyLayer;
}

/** Trains `model` in this thread with Adam (Keras defaults: β1 0.9, β2 0.999, ε 1e-7). */
export function createLocalStepper(model: tfl.LayersModel, { learningRate, applyLayer }: LocalStepperOptions): TrainStepper {
  const optimizer = tf.train.adam(learningRate, 0.9, 0.999, 1e-7);
  const vars = model.trainableWeights.map((w) => (w as unknown as { val: tf.Variable }).val);
  const { height, width, channels } = inputOf(model);
  return {
    async step({ xs, labels, size }) {
      const kept: { acc?: tf.Scalar } = {};
      const loss = tf.tidy(() => {
        const x = tf.tensor4d(xs, [size, height, width, channels]);
        const y = tf.tensor1d(labels, 'int32');
        return optimizer.minimize(
          () => {
            const logits = applyLogits(model, x, true, undefined, applyLayer);
            // Computed inside the taped function, where `logits` is alive; kept past minimize().
            kept.acc = tf.keep(batchAccuracy(y, logits));
            return sparseCategoricalCrossentropyFromLogits(y, logits);
          },
          true,
          vars,
        ) as tf.Scalar;
      });
      const acc = kept.acc!;
      const [l, a] = await Promise.all([loss.data(), acc.data()]);
      tf.dispose([loss, acc]);
      return { loss: l[0], accuracy: a[0] };
    },
    async syncTo() {
      // The stepper trains `model` itself: nothing to copy.
    },
    async dispose() {
      optimizer.dispose();
    },
  };
}
