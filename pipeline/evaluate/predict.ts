import * as tf from '@tensorflow/tfjs-core';
import type * as tfl from '@tensorflow/tfjs-layers';
import { NUM_CLASSES } from '../model/createModel';
import { applyLogits } from '../model/logits';

export interface Predictions {
  /** count × 10 scores before the softmax: the loss is computed from these. */
  logits: Float32Array;
  /** count × 10 softmax outputs, what the model predicts. */
  probabilities: Float32Array;
}

/** Logits and softmax outputs for `count` images, in inference mode, in batches to bound memory. */
export async function predictOutputs(model: tfl.LayersModel, images: Float32Array, count: number, batchSize = 500): Promise<Predictions> {
  const logits = new Float32Array(count * NUM_CLASSES);
  const probabilities = new Float32Array(count * NUM_CLASSES);
  for (let start = 0; start < count; start += batchSize) {
    const n = Math.min(batchSize, count - start);
    const [z, p] = tf.tidy(() => {
      const x = tf.tensor4d(images.subarray(start * 784, (start + n) * 784), [n, 28, 28, 1]);
      const scores = applyLogits(model, x, false);
      return [scores, tf.softmax(scores)];
    });
    logits.set(await z.data(), start * NUM_CLASSES);
    probabilities.set(await p.data(), start * NUM_CLASSES);
    tf.dispose([z, p]);
  }
  return { logits, probabilities };
}
