import '@tensorflow/tfjs-backend-cpu';
import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { beforeAll, describe, expect, it } from 'vitest';
import { predictOutputs } from '../../pipeline/evaluate/predict';
import { mulberry32 } from '../../pipeline/train/random';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe('predictOutputs', () => {
  it('gives every image its own logit and softmax row whatever the batch size, leaking no tensors', async () => {
    const model = tfl.sequential({ layers: [tfl.layers.flatten({ inputShape: [28, 28, 1] }), tfl.layers.dense({ units: 10, activation: 'softmax', kernelInitializer: tfl.initializers.glorotUniform({ seed: 2 }) })] });
    const random = mulberry32(3);
    const images = Float32Array.from({ length: 7 * 784 }, () => random());
    const expected = tf.tidy(() => (model.predict(tf.tensor4d(images, [7, 28, 28, 1])) as tf.Tensor).dataSync());
    const tensors = tf.memory().numTensors;
    const { logits, probabilities: batched } = await predictOutputs(model, images, 7, undefined, 3);
    expect(tf.memory().numTensors).toBe(tensors);
    expect([logits.length, batched.length]).toEqual([70, 70]);
    batched.forEach((p, i) => expect(p).toBeCloseTo(expected[i], 6));
    const softmaxOfLogits = tf.tidy(() => tf.softmax(tf.tensor2d(logits, [7, 10])).dataSync());
    softmaxOfLogits.forEach((p, i) => expect(p).toBeCloseTo(expected[i], 6));
    expect(Array.from((await predictOutputs(model, images, 2)).probabilities)).toEqual(Array.from(batched.subarray(0, 20)));
  });
});
