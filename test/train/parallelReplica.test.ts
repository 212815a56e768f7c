import '@tensorflow/tfjs-backend-cpu';
import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import type { Worker } from 'node:worker_threads';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import type { BackendName } from '../../pipeline/artifacts/types';
import { createDoorbells } from '../../pipeline/train/doorbell';
import { startReplica } from '../../pipeline/train/parallelReplica';

// Every worker the replicas start, so a test can play the thread's side: a crash, an exit, a stray message.
const started = vi.hoisted(() => [] as Worker[]);
vi.mock('node:worker_threads', async (importOriginal) => (await import('./recordedWorkers')).withRecordedWorkers(await importOriginal(), started));

const SLOW = 120_000; // a worker loads TF.js and compiles wasm on a shared machine

beforeAll(async () => {
  await tf.setBackend('cpu');
});

/** A one-layer model's start message for worker `index`. */
function init(index: number, backend: BackendName = 'wasm') {
  const model = tfl.sequential({ layers: [tfl.layers.flatten({ inputShape: [28, 28, 1] }), tfl.layers.dense({ units: 10, activation: 'softmax' })] });
  const weights = model.getWeights().map((w) => ({ values: w.dataSync() as Float32Array, shape: w.shape }));
  const floats = 784 * 10 + 10;
  return {
    index,
    backend,
    modelTopology: model.toJSON(null, false),
    weights,
    learningRate: 0.01,
    seed: 1,
    ownGradients: new SharedArrayBuffer(floats * 4),
    averagedGradients: new SharedArrayBuffer(floats * 4),
    doorbells: createDoorbells(index + 1),
  };
}

describe('startReplica', () => {
  it('names the worker that does not start in time', async () => {
    const replica = startReplica(init(3));
    try {
      await expect(replica.ready(1)).rejects.toThrow('Training worker 3 did not start within 1 ms. Each worker starts its own backend, which takes long on a busy machine or with more workers than cores: try fewer --workers (1 trains in the main thread).');
    } finally {
      await replica.terminate();
    }
  }, SLOW);

  it('answers one request at a time, checks the answer type, and refuses everything once stopped', async () => {
    const replica = startReplica(init(2));
    await replica.ready(SLOW);
    const first = replica.request({ type: 'weights', applyPending: false }, 'weights');
    await expect(replica.request({ type: 'weights', applyPending: false }, 'weights')).rejects.toThrow('Training worker 2 is busy: one request at a time.');
    expect((await first).weights.map((w) => w.length)).toEqual([7840, 10]);
    await expect(replica.request({ type: 'weights', applyPending: false }, 'gradients')).rejects.toThrow('Training worker 2 answered "weights", expected "gradients".');
    await replica.terminate();
    await expect(replica.request({ type: 'weights', applyPending: false }, 'weights')).rejects.toThrow('Training worker 2 was stopped.');
  }, SLOW);

  it('rings the worker’s doorbell with every message, and hands transferred buffers over instead of copying them', async () => {
    const start = init(9);
    const replica = startReplica(start);
    try {
      await replica.ready(SLOW);
      const doorbells = new Int32Array(start.doorbells);
      const handedOver = new Float32Array(16);
      await replica.request({ type: 'weights', applyPending: false }, 'weights', [handedOver.buffer]);
      expect(handedOver.byteLength).toBe(0); // detached here: the worker owns it now
      expect(Atomics.load(doorbells, 9)).toBe(1);
      // The worker is now waiting on its doorbell rather than in its event loop: it must still answer.
      expect((await replica.request({ type: 'weights', applyPending: false }, 'weights')).weights).toHaveLength(2);
      expect(Atomics.load(doorbells, 9)).toBe(2);
    } finally {
      await replica.terminate();
    }
  }, SLOW);

  it('reports a failure inside the worker with the worker’s own stack', async () => {
    const replica = startReplica(init(1, 'tensorflow')); // @tensorflow/tfjs-node is not installed here
    try {
      const error = await replica.ready(SLOW).then(() => null, (e: Error) => e);
      expect(error?.message).toMatch(/^Training worker 1 failed: .*tfjs-node/);
      expect(error?.stack).toMatch(/^Training worker 1 failed: [\s\S]*\n--- in worker ---\n/);
      await expect(replica.request({ type: 'weights', applyPending: false }, 'weights')).rejects.toBe(error);
    } finally {
      await replica.terminate();
    }
  }, SLOW);

  it('names the worker whose thread crashes or exits, and sends a failed worker nothing more', async () => {
    const crashed = startReplica(init(4));
    const exited = startReplica(init(5));
    const [crashedWorker, exitedWorker] = started.slice(-2);
    try {
      crashedWorker.emit('error', new Error('out of memory'));
      exitedWorker.emit('exit', 7);
      await expect(crashed.ready(SLOW)).rejects.toThrow(/^Training worker 4 crashed: out of memory$/);
      await expect(exited.ready(SLOW)).rejects.toThrow(/^Training worker 5 exited \(code 7\) while training\.$/);
      const posted = vi.spyOn(exitedWorker, 'postMessage');
      await expect(exited.request({ type: 'weights', applyPending: false }, 'weights')).rejects.toThrow('Training worker 5 exited (code 7)');
      expect(posted).not.toHaveBeenCalled();
    } finally {
      await Promise.all([crashed.terminate(), exited.terminate()]);
    }
  }, SLOW);

  it('reports a worker failure that comes without a stack by its message alone', async () => {
    const replica = startReplica(init(6));
    try {
      started.at(-1)!.emit('message', { type: 'error', message: 'bad shard' });
      const error = await replica.ready(SLOW).then(() => null, (e: Error) => e);
      expect(error?.message).toBe('Training worker 6 failed: bad shard');
      expect(error?.stack).not.toContain('--- in worker ---');
    } finally {
      await replica.terminate();
    }
  }, SLOW);

  it('refuses a worker whose first message is not "ready"', async () => {
    const replica = startReplica(init(7));
    try {
      started.at(-1)!.emit('message', { type: 'applied' });
      await expect(replica.ready(SLOW)).rejects.toThrow('Training worker 7 sent "applied" before "ready".');
    } finally {
      await replica.terminate();
    }
  }, SLOW);

  it('leaves no start timer behind once ready, and ignores a message nobody waits for', async () => {
    const replica = startReplica(init(8));
    const worker = started.at(-1)!;
    const timers = () => process.getActiveResourcesInfo().filter((r) => r === 'Timeout').length;
    try {
      const before = timers();
      worker.emit('message', { type: 'ready', parameterCount: 7850, backendDescription: 'wasm' });
      await replica.ready(SLOW);
      expect(timers()).toBe(before);
      expect(() => worker.emit('message', { type: 'applied' })).not.toThrow();
    } finally {
      await replica.terminate();
    }
  }, SLOW);
});
