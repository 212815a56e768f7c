import '@tensorflow/tfjs-backend-cpu';
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import type { BackendInfo, PipelineConfig } from '../../pipeline/artifacts/types';
import { createModel } from '../../pipeline/model/createModel';
import { createStepperFor } from '../../pipeline/train/createStepperFor';

const config = (workers: number): PipelineConfig => ({
  preset: 'quick', seed: 1, epochs: 1, batchSize: 8, learningRate: 0.001, patience: 2, trainLimit: 8, testLimit: 8,
  dataDir: null, backend: 'wasm', workers, samples: [],
});
const wasm: BackendInfo = { name: 'wasm', version: '4.22.0', threads: 1, description: 'wasm (SIMD) with fast gradient kernels, 1 thread' };

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

  it('starts data-parallel wasm workers and says so in the backend description', async () => {
    const log: string[] = [];
    const { stepper, info } = await createStepperFor(createModel({ seed: 1 }), wasm, config(2), (l) => log.push(l));
    try {
      expect('lastStepStats' in stepper).toBe(true);
      expect(info).toEqual({ ...wasm, threads: 2, description: 'wasm (SIMD) with fast gradient kernels, data-parallel across 2 worker threads' });
      expect(log).toEqual(['training: starting 2 data-parallel wasm workers']);
    } finally {
      await stepper.dispose();
    }
  }, 120_000);
});
