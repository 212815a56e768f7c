import '@tensorflow/tfjs-backend-cpu';
import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Split } from '../../pipeline/data/loadMnist';
import { silentProgress } from '../../pipeline/cli/progress';
import { createLocalStepper, type Batch, type TrainStepper } from '../../pipeline/train/stepper';
import { trainModel } from '../../pipeline/train/trainModel';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

/** Digit k lights up pixel k: a task a linear model learns in a few steps. */
function toySplit(count: number): Split {
  const images = new Float32Array(count * 784);
  const labels = new Int32Array(count);
  for (let i = 0; i < count; i++) {
    labels[i] = i % 10;
    images[i * 784 + labels[i]] = 1;
  }
  return { images, labels, count };
}

function tinyModel(seed: number) {
  const m = tfl.sequential();
  m.add(tfl.layers.flatten({ inputShape: [28, 28, 1] }));
  m.add(tfl.layers.dense({ units: 10, activation: 'softmax', kernelInitializer: tfl.initializers.glorotUniform({ seed }) }));
  return m;
}

/** Feeds scripted validation results by wrapping a stepper that does nothing. */
function noopStepper(): TrainStepper {
  return { async step(_b: Batch) { return { loss: 1, accuracy: 0.5 }; }, async syncTo() {}, async dispose() {} };
}

describe('trainModel', () => {
  it('learns a toy task and records one history entry per epoch', async () => {
    const model = tinyModel(1);
    const stepper = createLocalStepper(model, { learningRate: 0.05 });
    const history = await trainModel({ model, stepper, train: toySplit(200), validation: toySplit(50), maxEpochs: 3, batchSize: 32, patience: 2, seed: 1, progress: silentProgress });
    expect(history.epochs).toHaveLength(3);
    expect(history.epochs[2].valAccuracy).toBe(1);
    expect(history.epochs[2].loss).toBeLessThan(history.epochs[0].loss);
  });

  it('gives the same history for the same seed', async () => {
    const once = async () => {
      const model = tinyModel(3);
      return trainModel({ model, stepper: createLocalStepper(model, { learningRate: 0.05 }), train: toySplit(100), validation: toySplit(20), maxEpochs: 2, batchSize: 16, patience: 2, seed: 9, progress: silentProgress });
    };
    const [a, b] = [await once(), await once()];
    expect(a.epochs.map((e) => e.loss)).toEqual(b.epochs.map((e) => e.loss));
  });

  it('stops early when validation loss stops improving and restores the best-accuracy weights', async () => {
    const model = tinyModel(2);
    // Scripted weights per epoch (scale of a perfect kernel): epoch 1 guesses, epoch 2 is the first
    // fully accurate one, epoch 3 has the lowest loss, then the loss rises for two epochs.
    const goodKernel = tf.concat([tf.mul(tf.eye(10), 10), tf.zeros([774, 10])]);
    const scripts = [0, 0.3, 1, 0.5, 0.2, 0.1].map((s) => [tf.mul(goodKernel, s), tf.zeros([10])]);
    let epoch = 0;
    const stepper: TrainStepper = {
      ...noopStepper(),
      async step(b) {
        if (b.size > 0 && epoch < scripts.length) model.setWeights(scripts[epoch]);
        return { loss: 1, accuracy: 0.5 };
      },
      async syncTo() {
        epoch++;
      },
    };
    const history = await trainModel({ model, stepper, train: toySplit(10), validation: toySplit(20), maxEpochs: 10, batchSize: 10, patience: 2, seed: 1, progress: silentProgress });
    expect(history.epochs.map((e) => e.valAccuracy)).toEqual([0.1, 1, 1, 1, 1]);
    expect(history.stoppedEarly).toBe(true);
    expect(history.bestEpoch).toBe(2);
    const restored = model.getWeights()[0].dataSync()[0];
    expect(restored).toBeCloseTo(3, 5); // epoch 2's scripted weights (10 × 0.3)
  });

  it('reports early stopping that fires exactly at the last allowed epoch', async () => {
    const model = tinyModel(2);
    // Epoch 1 has the lowest loss; with patience 2, early stopping fires at epoch 3, the limit.
    const goodKernel = tf.concat([tf.mul(tf.eye(10), 10), tf.zeros([774, 10])]);
    const scripts = [1, 0.5, 0.2].map((s) => [tf.mul(goodKernel, s), tf.zeros([10])]);
    let epoch = 0;
    const stepper: TrainStepper = {
      ...noopStepper(),
      async step() {
        model.setWeights(scripts[epoch]);
        return { loss: 1, accuracy: 0.5 };
      },
      async syncTo() {
        epoch++;
      },
    };
    const history = await trainModel({ model, stepper, train: toySplit(10), validation: toySplit(20), maxEpochs: 3, batchSize: 10, patience: 2, seed: 1, progress: silentProgress });
    expect(history.epochs).toHaveLength(3);
    expect(history.stoppedEarly).toBe(true);
  });

  it('does not report early stopping when the epoch limit ends the run first', async () => {
    const model = tinyModel(1);
    const history = await trainModel({ model, stepper: noopStepper(), train: toySplit(10), validation: toySplit(20), maxEpochs: 2, batchSize: 10, patience: 2, seed: 1, progress: silentProgress });
    expect(history.epochs).toHaveLength(2);
    expect(history.stoppedEarly).toBe(false);
  });
});
