import '@tensorflow/tfjs-backend-cpu';
import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { beforeAll, describe, expect, it } from 'vitest';
import { createLocalStepper, type Batch } from '../../pipeline/train/stepper';
import { mulberry32 } from '../../pipeline/train/random';

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

function model(seed: number) {
  return tfl.sequential({ layers: [tfl.layers.flatten({ inputShape: [28, 28, 1] }), tfl.layers.dense({ units: 10, activation: 'softmax', kernelInitializer: tfl.initializers.glorotUniform({ seed }) })] });
}

function batch(size: number, seed: number): Batch {
  const random = mulberry32(seed);
  return { xs: Float32Array.from({ length: size * 784 }, () => random()), labels: Int32Array.from({ length: size }, () => Math.floor(random() * 10)), size };
}

/** Cross-entropy and accuracy of the model's current predictions, computed here in plain JS. */
function scoresBefore(m: tfl.LayersModel, b: Batch) {
  const probs = tf.tidy(() => (m.predict(tf.tensor4d(b.xs, [b.size, 28, 28, 1])) as tf.Tensor).arraySync() as number[][]);
  const loss = -probs.reduce((s, row, i) => s + Math.log(row[b.labels[i]]), 0) / b.size;
  const accuracy = probs.filter((row, i) => row.indexOf(Math.max(...row)) === b.labels[i]).length / b.size;
  return { loss, accuracy };
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

  it('reports the loss and accuracy of the batch before its update, then lowers the loss', async () => {
    const m = model(1);
    const stepper = createLocalStepper(m, { learningRate: 0.01 });
    const b = batch(32, 2);
    const expected = scoresBefore(m, b);
    const first = await stepper.step(b);
    expect(first.loss).toBeCloseTo(expected.loss, 4);
    expect(first.accuracy).toBeCloseTo(expected.accuracy, 6);
    for (let i = 0; i < 5; i++) await stepper.step(b);
    expect(scoresBefore(m, b).loss).toBeLessThan(expected.loss);
    await stepper.dispose();
  });

  it('updates the weights like tf.train.adam with Keras defaults, without leaking tensors', async () => {
    const [a, b] = [model(3), model(3)];
    const data = batch(16, 4);
    const stepper = createLocalStepper(a, { learningRate: 0.05 });
    await stepper.step(data); // creates the optimizer's moment variables
    const tensors = tf.memory().numTensors;
    await stepper.step(data);
    expect(tf.memory().numTensors).toBe(tensors);
    await stepper.syncTo(a);

    const optimizer = tf.train.adam(0.05, 0.9, 0.999, 1e-7);
    const x = tf.tensor4d(data.xs, [16, 28, 28, 1]);
    const y = tf.oneHot(tf.tensor1d(data.labels, 'int32'), 10);
    for (let i = 0; i < 2; i++) {
      const probs = () => b.apply(x) as tf.Tensor2D;
      optimizer.minimize(() => tf.neg(tf.mean(tf.sum(tf.mul(y, tf.log(probs())), -1))) as tf.Scalar, false, b.trainableWeights.map((w) => (w as unknown as { val: tf.Variable }).val));
    }
    const diff = Math.max(...a.getWeights().flatMap((w, i) => Array.from(w.dataSync(), (v, j) => Math.abs(v - b.getWeights()[i].dataSync()[j]))));
    expect(diff).toBeLessThan(1e-4);
    const live = tf.memory().numTensors;
    await stepper.dispose();
    expect(tf.memory().numTensors).toBe(live - 6); // Adam's β1^t, β2^t and two moments each of the kernel and the bias
  });
});
