import * as tf from '@tensorflow/tfjs-core';
import type * as tfl from '@tensorflow/tfjs-layers';
import { NUM_CLASSES } from '../model/createModel';

/** Softmax outputs for `count` images, in inference mode, in batches to bound memory. */
export async function predictProbabilities(model: tfl.LayersModel, images: Float32Array, count: number, batchSize = 500): Promise<Float32Array> {
  const out = new Float32Array(count * NUM_CLASSES);
  for (let start = 0; start < count; start += batchSize) {
    const n = Math.min(batchSize, count - start);
    const probs = tf.tidy(() => {
      const x = tf.tensor4d(images.subarray(start * 784, (start + n) * 784), [n, 28, 28, 1]);
      return model.predict(x) as tf.Tensor;
    });
    out.set(await probs.data(), start * NUM_CLASSES);
    probs.dispose();
  }
  return out;
}
