import '@tensorflow/tfjs-backend-cpu';
import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { beforeAll, describe, expect, it } from 'vitest';
import type { BackendName } from '../../pipeline/artifacts/types';
import { startReplica } from '../../pipeline/train/parallelReplica';

const SLOW = 120_000; // a worker loads TF.js and compiles wasm on a shared machine

beforeAll(async () => {
  await tf.setBackend('cpu');
});

/** A one-layer model's start message for worker `index`. */
function init(index: number, backend: BackendName = 'wasm') {
  const model = tfl.sequential({ layers: [tfl.layers.flatten({ inputShape: [28, 28, 1] }), tfl.layers.dense({ units: 10, activation: 'softmax' })] });
  const weights = model.getWeights().map((w) => ({ values: w.dataSync() as Float32Array, shape: w.shape }));
  const floats = 784 * 10 + 10;
  return { index, backend, modelTopology: model.toJSON(null, false), weights, learningRate: 0.01, seed: 1, ownGradients: new SharedArrayBuffer(floats * 4), averagedGradients: new SharedArrayBuffer(floats * 4) };
}

describe('startReplica', () => {
  it('names the worker that does not start in time', async () => {
    const replica = startReplica(init(3));
    try {
      await expect(replica.ready(1)).rejects.toThrow('Training worker 3 did not start within 1 ms.');
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
});
