import * as tf from '@tensorflow/tfjs-core';
import type * as tfl from '@tensorflow/tfjs-layers';
import type { BackendChoice } from '../artifacts/types';
import { createDoorbells } from './doorbell';
import { startReplica } from './parallelReplica';
import type { Batch, StepResult, TrainStepper } from './stepper';

/** What the last step cost each worker: for benchmarks and leak checks. */
export interface WorkerStepStats {
  computeMs: number[];
  tensors: number[];
}

/** One worker's share of the steps it computed a shard for, in milliseconds summed over those steps. */
export interface WorkerTiming {
  steps: number;
  /** Time the worker spent on the requests (update + gradients); the rest below are parts of it. */
  computeMs: number;
  /** Inside registered kernels. */
  kernelMs: number;
  /** Applying the averaged update of the previous step. */
  updateMs: number;
  /** Copying loss, accuracy and gradients into shared memory. */
  copyMs: number;
  /** From posting the shard to its reply arriving, minus computeMs: messages, cloning, thread wake-ups. */
  messageMs: number;
  /** Of messageMs: from posting the shard until the worker started on it. */
  toWorkerMs: number;
  /** From this worker's reply to the last reply of the step: idle while a slower worker finishes. */
  waitMs: number;
}

/** Where the time of the steps went since the stepper started or since `resetTiming()`; sums, in ms. */
export interface StepTiming {
  steps: number;
  /** Whole step() calls, as the main thread sees them. */
  stepMs: number;
  /** Main thread: copying the batch into shards. */
  splitMs: number;
  /** Main thread: averaging the shard gradients and summing loss and accuracy. */
  averageMs: number;
  workers: WorkerTiming[];
}

export interface ParallelTrainStepper extends TrainStepper {
  /** Per-worker figures of the most recent step (empty before the first step). */
  lastStepStats(): WorkerStepStats;
  /** Time per part of the steps, summed since the start or the last `resetTiming()`. */
  timing(): StepTiming;
  resetTiming(): void;
}

export interface ParallelStepperOptions {
  /** Topology and initial weights are copied from this model; syncTo writes the trained weights back. */
  model: tfl.LayersModel;
  learningRate: number;
  /** Worker threads, each training a replica on its share of every batch. Default 2. */
  workers?: number;
  /** Worker i seeds Math.random with seed + i (unseeded dropout masks). Default 0. */
  seed?: number;
  /** Backend each worker starts (they pick it themselves: there is no 'auto' here). Default 'wasm'. */
  backend?: Exclude<BackendChoice, 'auto'>;
  /** Milliseconds a worker may take to start (load TF.js, compile wasm). Default 60 000. */
  startTimeoutMs?: number;
}

/**
 * Data-parallel Adam: each batch is split across `workers` threads; each computes the mean-loss
 * gradients of its shard; the shard gradients are averaged, weighted by shard size, which is
 * exactly the full-batch gradient; every replica applies that same update. The update is
 * applied lazily, at the start of the next step (saves a round trip), or before weights are read.
 */
export async function createParallelStepper(opts: ParallelStepperOptions): Promise<ParallelTrainStepper> {
  const count = opts.workers ?? 2;
  if (!Number.isInteger(count) || count < 1) {
    throw new Error(`createParallelStepper: workers must be a positive integer, got ${String(opts.workers)}.`);
  }
  const weights = opts.model.getWeights().map((w) => ({ values: w.dataSync() as Float32Array, shape: w.shape }));
  const parameterCount = opts.model.trainableWeights.reduce((n, w) => n + w.read().size, 0);
  const averagedBuffer = new SharedArrayBuffer(parameterCount * 4);
  const averaged = new Float32Array(averagedBuffer);
  const ownBuffers = Array.from({ length: count }, () => new SharedArrayBuffer(parameterCount * 4));
  const own = ownBuffers.map((b) => new Float32Array(b));
  const doorbells = createDoorbells(count);
  const replicas = ownBuffers.map((ownGradients, index) =>
    startReplica({
      index,
      backend: opts.backend ?? 'wasm',
      modelTopology: opts.model.toJSON(null, false),
      weights,
      learningRate: opts.learningRate,
      seed: opts.seed ?? 0,
      ownGradients,
      averagedGradients: averagedBuffer,
      doorbells,
    }),
  );
  try {
    await Promise.all(replicas.map((r) => r.ready(opts.startTimeoutMs ?? 60_000)));
  } catch (error) {
    await Promise.all(replicas.map((r) => r.terminate()));
    throw error;
  }

  let pending = false; // averaged gradients waiting to be applied by every replica
  let stats: WorkerStepStats = { computeMs: [], tensors: [] };
  let timing = emptyTiming(count);
  let disposed = false;
  const alive = () => {
    if (disposed) throw new Error('The parallel stepper was disposed; create a new one to keep training.');
  };

  return {
    async step(batch: Batch): Promise<StepResult> {
      alive();
      if (batch.size < 1) throw new Error('The parallel stepper was given an empty batch.');
      const stepStart = performance.now();
      // A worker without a shard only applies the pending update, so every replica stays in step.
      const shards = splitBatch(batch, count);
      const splitEnd = performance.now();
      const posted: number[] = [];
      const answered: number[] = [];
      const [replies] = await Promise.all([
        Promise.all(
          shards.map((shard, i) => {
            posted[i] = performance.now();
            // The shards are fresh copies (splitBatch): their memory is handed over, not cloned again.
            const transfer = [shard.xs.buffer as ArrayBuffer, shard.labels.buffer as ArrayBuffer];
            return replicas[i].request({ type: 'gradients', applyPending: pending, ...shard }, 'gradients', transfer).then((reply) => {
              answered[i] = performance.now();
              return reply;
            });
          }),
        ),
        pending ? Promise.all(replicas.slice(shards.length).map((r) => r.request({ type: 'apply', applyPending: true }, 'applied'))) : null,
      ]);
      const averageStart = performance.now();
      stats = { computeMs: replies.map((r) => r.computeMs), tensors: replies.map((r) => r.tensors) };
      // Weighted mean of the shard means = mean over the whole batch.
      averaged.fill(0);
      replies.forEach((reply, i) => {
        const weight = reply.size / batch.size;
        const g = own[i];
        for (let j = 0; j < g.length; j++) averaged[j] += weight * g[j];
      });
      pending = true;
      const lossSum = replies.reduce((s, r) => s + r.lossSum, 0);
      const correct = replies.reduce((s, r) => s + r.correct, 0);
      const stepEnd = performance.now();
      timing.steps++;
      timing.stepMs += stepEnd - stepStart;
      timing.splitMs += splitEnd - stepStart;
      timing.averageMs += stepEnd - averageStart;
      const lastAnswer = Math.max(...answered);
      replies.forEach((reply, i) => {
        const w = timing.workers[i];
        w.steps++;
        w.computeMs += reply.computeMs;
        w.kernelMs += reply.kernelMs;
        w.updateMs += reply.updateMs;
        w.copyMs += reply.copyMs;
        w.messageMs += answered[i] - posted[i] - reply.computeMs;
        w.toWorkerMs += reply.startedAt - (performance.timeOrigin + posted[i]);
        w.waitMs += lastAnswer - answered[i];
      });
      return { loss: lossSum / batch.size, accuracy: correct / batch.size };
    },

    async syncTo(model: tfl.LayersModel): Promise<void> {
      alive();
      // Every replica must apply the pending update, or the others would fall behind.
      const replies = await Promise.all(replicas.map((r) => r.request({ type: 'weights', applyPending: pending }, 'weights')));
      pending = false;
      const target = model.getWeights();
      const values = replies[0].weights;
      if (values.length !== target.length) {
        throw new Error(`syncTo: the model has ${target.length} weight tensors, the replicas ${values.length}; pass the model the stepper was created from.`);
      }
      // setWeights copies the values into the model's variables; the tensors passed in stay ours to free.
      const fresh = values.map((v, i) => tf.tensor(v, target[i].shape));
      model.setWeights(fresh);
      tf.dispose(fresh);
    },

    lastStepStats: () => stats,
    timing: () => structuredClone(timing),
    resetTiming: () => {
      timing = emptyTiming(count);
    },

    async dispose(): Promise<void> {
      disposed = true;
      await Promise.all(replicas.map((r) => r.terminate()));
    },
  };
}

function emptyTiming(workers: number): StepTiming {
  const worker = (): WorkerTiming => ({ steps: 0, computeMs: 0, kernelMs: 0, updateMs: 0, copyMs: 0, messageMs: 0, toWorkerMs: 0, waitMs: 0 });
  return { steps: 0, stepMs: 0, splitMs: 0, averageMs: 0, workers: Array.from({ length: workers }, worker) };
}

/**
 * Splits a batch into at most `parts` contiguous shards, sizes differing by at most one. Never an empty
 * shard: a worker would run its kernels on a [0, 28, 28, 1] tensor and return unwritten memory.
 */
export function splitBatch(batch: Batch, maxParts: number): Batch[] {
  const parts = Math.min(maxParts, batch.size);
  const pixels = batch.xs.length / Math.max(batch.size, 1);
  const shards: Batch[] = [];
  let start = 0;
  for (let i = 0; i < parts; i++) {
    const size = Math.floor(batch.size / parts) + (i < batch.size % parts ? 1 : 0);
    shards.push({
      xs: batch.xs.slice(start * pixels, (start + size) * pixels),
      labels: batch.labels.slice(start, start + size),
      size,
    });
    start += size;
  }
  return shards;
}
