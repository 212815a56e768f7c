import '@tensorflow/tfjs-backend-cpu';
import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { beforeAll, describe, expect, it } from 'vitest';
import { createLocalStepper } from '../../pipeline/train/stepper';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

/** Pixel 0 set votes for digit 9 with logit `gap`; every other logit is 0. */
function confidentModel(gap: number) {
  const model = tfl.sequential();
  model.add(tfl.layers.flatten({ inputShape: [28, 28, 1] }));
  model.add(tfl.layers.dense({ units: 10, activation: 'softmax' }));
  const kernel = tf.buffer([784, 10]);
  kernel.set(gap, 0, 9);
  model.setWeights([kernel.toTensor(), tf.zeros([10])]);
  return model;
}

describe('createLocalStepper', () => {
  it('computes the loss of a confidently wrong image from the logits, as Keras does, and learns from it', async () => {
    const model = confidentModel(40); // p(true digit 0) = e^-40 / (9 + e^40) ≈ 4e-18, far below 1e-7
    const xs = new Float32Array(784);
    xs[0] = 1;
    const stepper = createLocalStepper(model, { learningRate: 0.01 });
    const { loss, accuracy } = await stepper.step({ xs, labels: Int32Array.of(0), size: 1 });
    // log-sum-exp of the logits minus the true digit's logit: 40 + log(1 + 9e^-40); a clipped loss would say 16.12.
    expect(loss).toBeCloseTo(40, 3);
    expect(accuracy).toBe(0);
    const trueDigitWeight = model.getWeights()[0].dataSync()[0 * 10 + 0];
    expect(trueDigitWeight).toBeCloseTo(0.01, 4); // Adam's first step moves a weight with any gradient by the learning rate
    await stepper.dispose();
  });
});
