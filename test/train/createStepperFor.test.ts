import '@tensorflow/tfjs-backend-cpu';
import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { beforeAll, describe, expect, it } from 'vitest';
import type { BackendInfo, PipelineConfig } from '../../pipeline/artifacts/types';
import { createModel } from '../../pipeline/model/createModel';
import { createStepperFor } from '../../pipeline/train/createStepperFor';

const config = (workers: number): PipelineConfig => ({
  preset: 'quick', seed: 1, epochs: 1, batchSize: 8, learningRate: 0.001, patience: 2, trainLimit: 8, testLimit: 8,
  dataDir: null, backend: 'wasm', workers, samples: [], igMaxSteps: 512,
});
const wasm: BackendInfo = { name: 'wasm', version: '4.22.0', threads: 1, description: 'wasm (SIMD) with fast gradient kernels, 1 thread' };
// Only the trailing thread count ("1 thread", "12 threads") is replaced.
const wasm12: BackendInfo = { ...wasm, threads: 12, description: 'wasm (SIMD, 4 threads available) with fast gradient kernels, 12 threads' };

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe('createStepperFor', () => {
  it('trains in this thread on another backend or with one worker, and reports the backend unchanged', async () => {
    const log: string[] = [];
    for (const [backend, workers] of [[{ ...wasm, name: 'cpu' as const }, 2], [wasm, 1]] as const) {
      const { stepper, info } = await createStepperFor(createModel({ seed: 1 }), backend, config(workers), (l) => log.push(l));
      expect(info).toBe(backend);
      expect('lastStepStats' in stepper).toBe(false);
      await stepper.dispose();
    }
    expect(log).toEqual([]);
  });

  it('trains in this thread with the configured learning rate', async () => {
    const model = tfl.sequential({ layers: [tfl.layers.flatten({ inputShape: [28, 28, 1] }), tfl.layers.dense({ units: 10, activation: 'softmax' })] });
    const before = model.getWeights().map((w) => Array.from(w.dataSync()));
    const { stepper } = await createStepperFor(model, { ...wasm, name: 'cpu' }, { ...config(1), learningRate: 0.05 }, () => {});
    const xs = Float32Array.from({ length: 8 * 784 }, (_, i) => (i % 13) / 13);
    await stepper.step({ xs, labels: Int32Array.from([0, 1, 2, 3, 4, 5, 6, 7]), size: 8 });
    await stepper.dispose();
    // Adam's first step moves a weight by at most about the learning rate (0.001 would be the default).
    const moved = Math.max(...model.getWeights().flatMap((w, k) => Array.from(w.dataSync(), (v, i) => Math.abs(v - before[k][i]))));
    expect(moved).toBeGreaterThan(0.04);
    expect(moved).toBeLessThan(0.06);
  });

  it('starts data-parallel wasm workers and says so in the backend description', async () => {
    const described: Record<string, string> = {
      [wasm.description]: 'wasm (SIMD) with fast gradient kernels, data-parallel across 2 worker threads',
      [wasm12.description]: 'wasm (SIMD, 4 threads available) with fast gradient kernels, data-parallel across 2 worker threads',
    };
    for (const backend of [wasm, wasm12]) {
      const log: string[] = [];
      const { stepper, info } = await createStepperFor(createModel({ seed: 1 }), backend, config(2), (l) => log.push(l));
      try {
        expect('lastStepStats' in stepper).toBe(true);
        expect(info).toEqual({ ...wasm, threads: 2, description: described[backend.description] });
        expect(log).toEqual(['training: starting 2 data-parallel wasm workers']);
      } finally {
        await stepper.dispose();
      }
    }
  }, 120_000);
});
