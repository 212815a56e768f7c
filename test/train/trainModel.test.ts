import '@tensorflow/tfjs-backend-cpu';
import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Split } from '../../pipeline/data/loadMnist';
import { silentProgress } from '../../pipeline/cli/progress';
import { createLocalStepper, type Batch, type TrainStepper } from '../../pipeline/train/stepper';
import { mulberry32, shuffledIndices } from '../../pipeline/train/random';
import { trainModel } from '../../pipeline/train/trainModel';
import { DegenerateRunError } from '../../pipeline/evaluate/degenerate';

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

/** Image i has the value i in its first pixel and label i % 10, so a batch tells which images it holds. */
function numberedSplit(count: number): Split {
  const images = new Float32Array(count * 784);
  for (let i = 0; i < count; i++) images[i * 784] = i;
  return { images, labels: Int32Array.from({ length: count }, (_, i) => i % 10), count };
}

/** A stepper that trains nothing and records, per epoch, which images it saw in which order. */
function recordingStepper() {
  const epochs: number[][] = [[]];
  const stepper: TrainStepper = {
    ...noopStepper(),
    async step(b) {
      for (let k = 0; k < b.size; k++) {
        const id = b.xs[k * 784];
        expect(b.labels[k]).toBe(id % 10); // label travels with its image
        epochs[epochs.length - 1].push(id);
      }
      return { loss: b.size, accuracy: b.size === 8 ? 1 : 0 };
    },
    async syncTo() {
      epochs.push([]);
    },
  };
  return { stepper, epochs };
}

describe('trainModel', () => {
  it('stops before the next batch once its signal is aborted, throwing the signal\'s reason', async () => {
    const controller = new AbortController();
    let steps = 0;
    const stepper: TrainStepper = { ...noopStepper(), async step() {
      if (++steps === 2) controller.abort(new Error('stop requested'));
      return { loss: 1, accuracy: 0.5 };
    } };
    const run = trainModel({ model: tinyModel(1), stepper, train: toySplit(40), validation: toySplit(10), maxEpochs: 3, batchSize: 8, patience: 5, seed: 4, progress: silentProgress, signal: controller.signal });
    await expect(run).rejects.toThrow('stop requested');
    expect(steps).toBe(2);
  });

  it('shuffles the training set anew every epoch with the seeded generator', async () => {
    const { stepper, epochs } = recordingStepper();
    await trainModel({ model: tinyModel(1), stepper, train: numberedSplit(21), validation: toySplit(10), maxEpochs: 3, batchSize: 8, patience: 5, seed: 4, progress: silentProgress });
    const random = mulberry32(4);
    const expected = [1, 2, 3].map(() => Array.from(shuffledIndices(21, random)));
    expect(epochs.slice(0, 3)).toEqual(expected);
    expect(expected[0]).not.toEqual(expected[1]);
    expect(expected[0]).not.toEqual(Array.from({ length: 21 }, (_, i) => i));
  });

  it('records image-weighted means of the batch results, and timings from the clock it is given', async () => {
    const { stepper } = recordingStepper();
    const reads: number[] = [];
    const batches: number[][] = [];
    const records: unknown[] = [];
    const progress = { ...silentProgress, batch: (...args: number[]) => batches.push(args), epochEnd: (r: unknown) => records.push(r) };
    const clock = () => {
      reads.push(500 * (reads.length + 1)); // each read is half a second later
      return reads[reads.length - 1];
    };
    const model = tinyModel(1);
    const tensors = tf.memory().numTensors;
    const history = await trainModel({ model, stepper, train: numberedSplit(20), validation: toySplit(10), maxEpochs: 1, batchSize: 8, patience: 5, seed: 4, progress, now: clock });
    expect(tf.memory().numTensors).toBe(tensors); // the checkpoint copy is freed
    // Batches of 8, 8 and 4 images report losses 8, 8, 4 and accuracies 1, 1, 0.
    expect(batches.map(([done, of, seen, , loss, acc]) => [done, of, seen, loss, acc])).toEqual([[1, 3, 8, 8, 1], [2, 3, 16, 8, 1], [3, 3, 20, (8 * 16 + 4 * 4) / 20, 0.8]]);
    const seconds = batches.map((b) => b[3]);
    expect(seconds.every((t, i) => t > (seconds[i - 1] ?? 0))).toBe(true);
    const [epoch] = history.epochs;
    expect(epoch).toMatchObject({ epoch: 1, loss: 7.2, accuracy: 0.8 });
    expect(epoch.imagesPerSecond).toBeCloseTo(20 / epoch.trainSeconds, 10);
    expect(epoch.trainSeconds).toBeGreaterThanOrEqual(seconds[2]);
    expect(epoch.seconds).toBeGreaterThan(epoch.trainSeconds);
    expect(records).toEqual([epoch]);
    expect(history).toMatchObject({ maxEpochs: 1, patience: 5, stoppedEarly: false, bestEpoch: 1 });
    expect(history.seconds).toBe((reads[reads.length - 1] - reads[0]) / 1000); // first read to last, in seconds
    expect(history.seconds).toBeGreaterThanOrEqual(epoch.seconds);
  });

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

  it('gives another history for another seed (the seed drives the batch order)', async () => {
    const once = async (seed: number) => {
      const model = tinyModel(3);
      return trainModel({ model, stepper: createLocalStepper(model, { learningRate: 0.05 }), train: toySplit(100), validation: toySplit(20), maxEpochs: 2, batchSize: 16, patience: 2, seed, progress: silentProgress });
    };
    const [a, b] = [await once(9), await once(10)];
    expect(a.epochs[1].loss).not.toBe(b.epochs[1].loss);
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
    const notes: string[] = [];
    const progress = { ...silentProgress, epochEnd: (_r: unknown, note: string) => notes.push(note) };
    const history = await trainModel({ model, stepper, train: toySplit(10), validation: toySplit(20), maxEpochs: 10, batchSize: 10, patience: 2, seed: 1, progress });
    expect(history.epochs.map((e) => e.valAccuracy)).toEqual([0.1, 1, 1, 1, 1]);
    const [check, stop] = ['checkpoint: best val_accuracy', 'early stop: val_loss has not improved for 2 epochs'];
    expect(notes).toEqual([check, check, '', '', stop]);
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

  it('shows the weights to onWeights before training and after each epoch has been synced from the stepper', async () => {
    const events: string[] = [];
    const stepper: TrainStepper = { ...noopStepper(), async step() { events.push('step'); return { loss: 1, accuracy: 0.5 }; }, async syncTo() { events.push('sync'); } };
    const model = tinyModel(2);
    await trainModel({
      model, stepper, train: toySplit(10), validation: toySplit(10), maxEpochs: 2, batchSize: 5, patience: 5, seed: 1, progress: silentProgress,
      onWeights: (epoch, seen) => {
        expect(seen).toBe(model);
        events.push(`weights ${epoch}`);
      },
    });
    expect(events).toEqual(['weights 0', 'step', 'step', 'sync', 'weights 1', 'step', 'step', 'sync', 'weights 2']);
  });

  it('names both the checkpoint and the early stop when one epoch brings both, frees every old checkpoint, and times itself without a given clock', async () => {
    const model = tinyModel(2);
    // Epoch 1: all-zero weights guess class 0 (accuracy 0.1, loss ln 10). Epoch 2: right with a small margin
    // on digits 1-9 but confidently wrong on digit 0: higher accuracy, higher loss.
    const kernel = tf.buffer([784, 10]);
    for (let d = 1; d < 10; d++) kernel.set(1, d, d);
    kernel.set(100, 0, 1);
    const scripts = [[tf.zeros([784, 10]), tf.zeros([10])], [kernel.toTensor(), tf.zeros([10])]];
    let epoch = 0;
    const stepper: TrainStepper = { ...noopStepper(), async step() { model.setWeights(scripts[epoch]); return { loss: 1, accuracy: 0.5 }; }, async syncTo() { epoch++; } };
    const notes: string[] = [];
    const progress = { ...silentProgress, epochEnd: (_r: unknown, note: string) => notes.push(note) };
    const tensors = tf.memory().numTensors;
    const history = await trainModel({ model, stepper, train: toySplit(10), validation: toySplit(20), maxEpochs: 5, batchSize: 10, patience: 0, seed: 1, progress });
    expect(tf.memory().numTensors).toBe(tensors);
    expect(history.epochs.map((e) => e.valAccuracy)).toEqual([0.1, 0.9]);
    expect(notes).toEqual(['checkpoint: best val_accuracy', 'checkpoint: best val_accuracy; early stop: val_loss has not improved for 0 epochs']);
    expect(history.seconds).toBeGreaterThan(0);
    expect(history.seconds).toBeGreaterThanOrEqual(history.epochs[1].seconds);
  });

  it('with no epoch to run, leaves the weights as they were and records an empty history', async () => {
    const model = tinyModel(5);
    const before = model.getWeights()[0].dataSync().slice();
    const history = await trainModel({ model, stepper: noopStepper(), train: toySplit(10), validation: toySplit(10), maxEpochs: 0, batchSize: 5, patience: 1, seed: 1, progress: silentProgress });
    expect(history).toMatchObject({ epochs: [], bestEpoch: 0, stoppedEarly: false });
    expect(model.getWeights()[0].dataSync()).toEqual(before);
  });

  // Row 8 of issue #22: a diverged loss used to be trained through and published as NaN.
  it('stops at the first batch whose loss is not finite, naming the epoch, the batch and the settings to change', async () => {
    const seen: number[] = [];
    let steps = 0;
    const losses = [1, 2, Infinity, 3];
    const stepper: TrainStepper = { ...noopStepper(), async step() { return { loss: losses[steps++], accuracy: 0.1 }; } };
    const progress = { ...silentProgress, batch: (done: number) => void seen.push(done) };
    const run = trainModel({ model: tinyModel(1), stepper, train: toySplit(12), validation: toySplit(10), maxEpochs: 3, batchSize: 6, patience: 2, seed: 1, learningRate: 1000, progress });
    await expect(run).rejects.toThrow(
      'training diverged: the loss became Infinity at epoch 2, batch 1 of 2. Lower --learning-rate (now 1000) or check the training data (--data-dir); the previous artifacts were kept.',
    );
    await expect(run).rejects.toBeInstanceOf(DegenerateRunError);
    expect(seen).toEqual([1, 2]); // the bad batch is not reported as progress
  });

  it('stops when the validation loss of an epoch is not finite', async () => {
    const model = tinyModel(1);
    const stepper: TrainStepper = { ...noopStepper(), async step() { model.setWeights([tf.fill([784, 10], NaN), tf.zeros([10])]); return { loss: 1, accuracy: 0.1 }; } };
    await expect(trainModel({ model, stepper, train: toySplit(10), validation: toySplit(10), maxEpochs: 2, batchSize: 10, patience: 2, seed: 1, progress: silentProgress })).rejects.toThrow(
      /^training diverged: the loss became NaN at epoch 1 \(validation loss\)\. Lower --learning-rate or check the training data/,
    );
  });
});
