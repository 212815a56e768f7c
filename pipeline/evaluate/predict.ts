import * as tf from '@tensorflow/tfjs-core';
import type * as tfl from '@tensorflow/tfjs-layers';
import { inputSize, type ModelDescription } from '../model/description';
import { inputOf, inputTensor } from '../model/inputTensor';
import { applyLogits, headOf } from '../model/logits';

export interface Predictions {
  /** count × classes scores before the softmax: the loss is computed from these. */
  logits: Float32Array;
  /** count × classes softmax of the logits, what the model predicts. */
  probabilities: Float32Array;
}

/** What prediction needs of the description; read off the model when absent (training's own network, [0, 1] pixels). */
export type PredictDescription = Pick<ModelDescription, 'input' | 'logitLayer' | 'softmax' | 'classes'>;

/**
 * Logits (the scores at the logit layer without its activation, or the outputs of a model without a
 * softmax) and their softmax for `count` images ([0, 1] pixels), in inference mode, in batches to bound memory.
 */
export async function predictOutputs(model: tfl.LayersModel, images: Float32Array, count: number, description?: PredictDescription, batchSize = 500): Promise<Predictions> {
  const input = description?.input ?? inputOf(model);
  const head = description ?? headOf(model);
  const pixels = inputSize(input);
  if (images.length < count * pixels) throw new Error(`predict: ${count} images of ${input.height}×${input.width}×${input.channels} need ${count * pixels} values, got only ${images.length}`);
  let classes = description?.classes ?? 0;
  let logits = new Float32Array(0);
  let probabilities = new Float32Array(0);
  for (let start = 0; start < count; start += batchSize) {
    const n = Math.min(batchSize, count - start);
    const [z, p] = tf.tidy(() => {
      const scores = applyLogits(model, inputTensor(images.subarray(start * pixels, (start + n) * pixels), n, input), false, head);
      return [scores, tf.softmax(scores)];
    });
    const width = z.shape[1] as number;
    if (start === 0) {
      if (description && width !== description.classes) throw new Error(`predict: the model scores ${width} classes, its description says ${description.classes}`);
      classes = width;
      logits = new Float32Array(count * classes);
      probabilities = new Float32Array(count * classes);
    }
    logits.set(await z.data(), start * classes);
    probabilities.set(await p.data(), start * classes);
    tf.dispose([z, p]);
  }
  return { logits, probabilities };
}
