import type { Worker } from 'node:worker_threads';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { selectBackend } from '../../pipeline/backend/selectBackend';
import { createModel } from '../../pipeline/model/createModel';
import { createParallelStepper, splitBatch, type ParallelTrainStepper } from '../../pipeline/train/parallelStepper';
import { adamStep, createAdamState, KERAS_ADAM } from '../../pipeline/train/parallelAdam';
import { mulberry32 } from '../../pipeline/train/random';
import { createLocalStepper, type Batch } from '../../pipeline/train/stepper';

const SLOW = 120_000; // workers load TF.js and compile wasm; the machine is shared

// Every worker thread started, to check that none outlives its stepper.
const started = vi.hoisted(() => [] as Worker[]);
vi.mock('node:worker_threads', async (importOriginal) => (await import('./recordedWorkers')).withRecordedWorkers(await importOriginal(), started));
/** A worker's threadId is -1 once its thread has stopped. */
const running = (workers: Worker[]) => workers.filter((w) => w.threadId !== -1).length;

function batchOf(size: number, seed: number): Batch {
  const random = mulberry32(seed);
  const xs = new Float32Array(size * 28 * 28).map(() => (random() < 0.8 ? 0 : random()));
  const labels = new Int32Array(size).map(() => Math.floor(random() * 10));
  return { xs, labels, size };
}

/** The article's network with dropout switched off, so both steppers see identical forward passes. */
function modelWithoutDropout(seed: number): tfl.LayersModel {
  const model = createModel({ seed });
  for (const layer of model.layers) {
    if (layer.getClassName() === 'Dropout') (layer as unknown as { rate: number }).rate = 0;
  }
  return model;
}

function maxWeightDiff(a: tfl.LayersModel, b: tfl.LayersModel): number {
  const wa = a.getWeights().map((w) => w.dataSync());
  const wb = b.getWeights().map((w) => w.dataSync());
  let worst = 0;
  wa.forEach((values, i) => values.forEach((v, j) => (worst = Math.max(worst, Math.abs(v - wb[i][j])))));
  return worst;
}

describe('splitBatch', () => {
  it('splits an odd batch into contiguous shards that differ by at most one image', () => {
    const batch = batchOf(9, 1);
    const shards = splitBatch(batch, 2);
    expect(shards.map((s) => s.size)).toEqual([5, 4]);
    expect(Array.from(shards[1].labels)).toEqual(Array.from(batch.labels.slice(5)));
    expect(shards[1].xs[0]).toBe(batch.xs[5 * 784]);
  });

  it('never makes an empty shard: a batch smaller than the worker count gets one shard per image', () => {
    expect(splitBatch(batchOf(1, 1), 2).map((s) => s.size)).toEqual([1]);
    expect(splitBatch(batchOf(2, 1), 3).map((s) => s.size)).toEqual([1, 1]);
  });
});

describe('adamStep', () => {
  it('updates weights exactly like tf.train.adam over several steps', async () => {
    await selectBackend('wasm', () => {});
    const random = mulberry32(5);
    const size = 257;
    const start = new Float32Array(size).map(() => random() - 0.5);
    const gradients = [0, 1, 2].map(() => new Float32Array(size).map(() => (random() - 0.5) * (random() < 0.1 ? 1e-6 : 1)));
    const config = { learningRate: 0.01, ...KERAS_ADAM };

    const variable = tf.variable(tf.tensor1d(start));
    const optimizer = tf.train.adam(config.learningRate, config.beta1, config.beta2, config.epsilon);
    for (const g of gradients) tf.tidy(() => optimizer.applyGradients([{ name: variable.name, tensor: tf.tensor1d(g) }]));
    const expected = variable.dataSync();

    const weights = Float32Array.from(start);
    const state = createAdamState(size, config);
    for (const g of gradients) adamStep(state, weights, g, config);
    let worst = 0;
    weights.forEach((w, i) => (worst = Math.max(worst, Math.abs(w - expected[i]))));
    expect(worst).toBeLessThan(1e-6);
    expect(Math.abs(weights[0] - start[0])).toBeGreaterThan(1e-3); // it did move
    optimizer.dispose();
    variable.dispose();
  });
});

describe('createParallelStepper', () => {
  let parallel: ParallelTrainStepper | null = null;
  beforeAll(async () => {
    await selectBackend('wasm', () => {});
  });
  afterAll(async () => {
    await parallel?.dispose();
  });

  it(
    'makes the same Adam updates as the local stepper (same losses, same weights)',
    async () => {
      const reference = modelWithoutDropout(7);
      const replicated = modelWithoutDropout(7);
      expect(maxWeightDiff(reference, replicated)).toBe(0);
      const local = createLocalStepper(reference, { learningRate: 0.001 });
      parallel = await createParallelStepper({ model: replicated, learningRate: 0.001, workers: 2, seed: 1 });
      const liveTensors: number[][] = [];
      for (let step = 0; step < 4; step++) {
        const batch = batchOf(9, 100 + step); // odd size: shards of 5 and 4 must be weighted
        const a = await local.step(batch);
        const b = await parallel.step(batch);
        expect(b.loss).toBeCloseTo(a.loss, 4);
        expect(b.accuracy).toBeCloseTo(a.accuracy, 6);
        expect(batch.xs.length).toBe(9 * 784); // the shards handed to the workers were copies, not the caller's memory
        liveTensors.push(parallel.lastStepStats().tensors);
      }
      // From the second step on (Adam's moment tensors exist), the workers hold a constant number of tensors.
      expect(liveTensors[3]).toEqual(liveTensors[1]);
      expect(parallel.lastStepStats().computeMs).toHaveLength(2);
      expect(parallel.lastStepStats().computeMs.every((ms) => ms > 0)).toBe(true);
      expect(liveTensors[3].every((n) => Number.isInteger(n) && n > 0)).toBe(true);
      // Where the four steps' time went: sums per worker, each part within its whole.
      const timing = parallel.timing();
      expect(timing.steps).toBe(4);
      expect(timing.workers.map((w) => w.steps)).toEqual([4, 4]);
      for (const w of timing.workers) {
        expect(w.kernelMs).toBeGreaterThan(0);
        expect(w.kernelMs + w.updateMs + w.copyMs).toBeLessThan(w.computeMs);
        expect(w.updateMs).toBeGreaterThan(0); // three of the four steps applied an update
        expect(w.messageMs).toBeGreaterThanOrEqual(0);
        expect(w.toWorkerMs).toBeGreaterThan(0); // clocks of different threads agree: a message takes time
        expect(w.toWorkerMs).toBeLessThan(w.messageMs);
        expect(w.waitMs).toBeGreaterThanOrEqual(0);
        expect(w.computeMs + w.messageMs + w.waitMs).toBeLessThanOrEqual(timing.stepMs - timing.splitMs - timing.averageMs);
      }
      parallel.resetTiming();
      expect(parallel.timing().steps).toBe(0);
      expect(parallel.timing().workers[1]).toEqual({ steps: 0, computeMs: 0, kernelMs: 0, updateMs: 0, copyMs: 0, messageMs: 0, toWorkerMs: 0, waitMs: 0 });
      await parallel.syncTo(replicated);
      expect(maxWeightDiff(reference, replicated)).toBeLessThan(1e-4);
      // Reading the weights applies the pending update once: the next step must not apply it again.
      await local.step(batchOf(9, 200));
      await parallel.step(batchOf(9, 200));
      await parallel.syncTo(replicated);
      expect(maxWeightDiff(reference, replicated)).toBeLessThan(1e-4);
      const other = tfl.sequential({ layers: [tfl.layers.dense({ units: 1, inputShape: [1] })] });
      await expect(parallel.syncTo(other)).rejects.toThrow(
        'syncTo: the model has 2 weight tensors, the replicas 10; pass the model the stepper was created from.',
      );
      await local.dispose();
    },
    SLOW,
  );

  it('refuses a worker count that is not a positive whole number, before starting any worker', async () => {
    for (const workers of [0, 1.5]) {
      await expect(createParallelStepper({ model: createModel({ seed: 1 }), learningRate: 0.001, workers })).rejects.toThrow(
        `createParallelStepper: workers must be a positive integer, got ${workers}.`,
      );
    }
  });

  it(
    'gives finite weights equal to the local stepper\'s, and no XNNPACK errors, for batches smaller than the worker count',
    async () => {
      // Batches of 1 (--batch-size 1) and 128 + 1 (--train-limit 129): one worker has nothing to do.
      const reference = modelWithoutDropout(11);
      const replicated = modelWithoutDropout(11);
      const local = createLocalStepper(reference, { learningRate: 0.001 });
      const stepper = await createParallelStepper({ model: replicated, learningRate: 0.001, workers: 2, seed: 1 });
      const written: string[] = [];
      const stderr = vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => (written.push(String(chunk)), true));
      try {
        // The last 128: a worker that skipped an update while idle would now send gradients of stale weights.
        for (const [step, size] of [1, 128, 1, 128].entries()) {
          const batch = batchOf(size, 200 + step);
          const a = await local.step(batch);
          const b = await stepper.step(batch);
          expect(b.loss).toBeCloseTo(a.loss, 4);
        }
        await stepper.syncTo(replicated);
        await new Promise((resolve) => setTimeout(resolve, 100)); // worker output reaches this thread asynchronously
      } finally {
        stderr.mockRestore();
        await stepper.dispose();
        await local.dispose();
      }
      expect(written.join('')).not.toMatch(/XNN/);
      expect(replicated.getWeights().every((w) => w.dataSync().every(Number.isFinite))).toBe(true);
      expect(maxWeightDiff(reference, replicated)).toBeLessThan(1e-4);
    },
    SLOW,
  );

  it(
    'keeps the main thread\'s tensor count and memory constant across epochs when copying weights back',
    async () => {
      const model = createModel({ seed: 2 });
      const stepper = await createParallelStepper({ model, learningRate: 0.001, workers: 1 });
      const perEpoch: { numTensors: number; numBytes: number }[] = [];
      try {
        for (let epoch = 0; epoch < 3; epoch++) {
          await stepper.step(batchOf(4, epoch));
          await stepper.syncTo(model);
          const { numTensors, numBytes } = tf.memory();
          perEpoch.push({ numTensors, numBytes });
        }
      } finally {
        await stepper.dispose();
      }
      expect(perEpoch[2]).toEqual(perEpoch[0]);
    },
    SLOW,
  );

  it(
    'reports a worker that fails to start as a clear error instead of hanging',
    async () => {
      const model = createModel({ seed: 1 });
      // A backend no worker can start, whatever optional packages are installed.
      await expect(
        createParallelStepper({ model, learningRate: 0.001, workers: 1, backend: 'no-such-backend' as never }),
      ).rejects.toThrow(/Training worker 0 failed: Unknown backend "no-such-backend"/);
    },
    SLOW,
  );

  it(
    'rejects a malformed batch with the worker error, and keeps refusing afterwards',
    async () => {
      const model = createModel({ seed: 1 });
      const stepper = await createParallelStepper({ model, learningRate: 0.001, workers: 1 });
      expect(stepper.lastStepStats()).toEqual({ computeMs: [], tensors: [] });
      try {
        const empty: Batch = { xs: new Float32Array(0), labels: new Int32Array(0), size: 0 };
        await expect(stepper.step(empty)).rejects.toThrow('The parallel stepper was given an empty batch.');
        const broken: Batch = { xs: new Float32Array(10), labels: new Int32Array(2), size: 2 };
        await expect(stepper.step(broken)).rejects.toThrow(/Training worker 0 failed/);
        await expect(stepper.step(batchOf(2, 1))).rejects.toThrow(/Training worker 0 failed/);
      } finally {
        await stepper.dispose();
      }
      await expect(stepper.step(batchOf(2, 1))).rejects.toThrow(/disposed/);
    },
    SLOW,
  );

  it(
    'fails the step instead of hanging when a worker dies mid-step, and still stops the other thread',
    async () => {
      const before = started.length;
      const stepper = await createParallelStepper({ model: createModel({ seed: 1 }), learningRate: 0.001, workers: 2 });
      const workers = started.slice(before);
      try {
        await stepper.step(batchOf(8, 1));
        const stepping = stepper.step(batchOf(8, 2)); // the other worker is blocked on its doorbell or computing
        await workers[1].terminate();
        await expect(stepping).rejects.toThrow(/Training worker 1 exited/);
      } finally {
        await stepper.dispose();
      }
      expect(running(workers)).toBe(0);
    },
    SLOW,
  );

  it(
    'stops its worker threads when disposed, and when they do not start in time',
    async () => {
      const model = createModel({ seed: 1 });
      const before = started.length;
      const stepper = await createParallelStepper({ model, learningRate: 0.001, workers: 2 });
      const workers = started.slice(before);
      expect(running(workers)).toBe(2);
      await stepper.dispose();
      expect(running(workers)).toBe(0);
      const late = started.length;
      await expect(createParallelStepper({ model, learningRate: 0.001, workers: 2, startTimeoutMs: 1 })).rejects.toThrow('did not start within 1 ms');
      expect(started.length - late).toBe(2);
      expect(running(started.slice(late))).toBe(0);
    },
    SLOW,
  );

  it(
    'seeds each worker\'s dropout from the seed it is given',
    async () => {
      const lossWith = async (seed: number) => {
        const stepper = await createParallelStepper({ model: createModel({ seed: 1 }), learningRate: 0.001, workers: 1, seed });
        try {
          return (await stepper.step(batchOf(8, 3))).loss;
        } finally {
          await stepper.dispose();
        }
      };
      const [a, b, again] = await Promise.all([lossWith(3), lossWith(4), lossWith(3)]);
      expect(again).toBe(a);
      expect(b).not.toBe(a);
    },
    SLOW,
  );
});
