import { chooseModel } from '../../../pipeline/model/chooseModel';
import '@tensorflow/tfjs-backend-cpu';
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import type { BackendInfo, PipelineConfig } from '../../../pipeline/artifacts/types';
import { initialKernels, kernelsOf } from '../../../pipeline/explain/distributions/initialWeights';

// Captures the model's kernels at the moment training starts, then stops the run: what training starts from.
const started: { kernels?: Map<string, Float32Array> } = {};
vi.mock('../../../pipeline/train/trainModel', () => ({
  trainModel: async ({ model }: { model: Parameters<typeof kernelsOf>[0] }) => {
    started.kernels = kernelsOf(model);
    throw new Error('stopped after capturing the starting weights');
  },
}));
const { runTraining } = await import('../../../pipeline/stages/training');

const config: PipelineConfig = {
  preset: 'quick', seed: 11, epochs: 1, batchSize: 8, learningRate: 0.001, patience: 2, trainLimit: 8, testLimit: 64,
  dataDir: null, backend: 'cpu', workers: 1, samples: [], igMaxSteps: 512,
};
const cpu: BackendInfo = { name: 'cpu', version: '4.22.0', threads: 1, description: 'cpu' };
const split = { images: new Float32Array(8 * 784), labels: new Int32Array(8), count: 8 };
// The timelapse records test image 51 from the first step, so the test split must reach it.
const testSplit = { images: new Float32Array(64 * 784), labels: new Int32Array(64), count: 64 };

beforeAll(async () => {
  await tf.setBackend('cpu');
});

const never = async (): Promise<never> => {
  throw new Error('no model file in this test');
};

describe('initialKernels', () => {
  it('rebuilds from the seed exactly the kernels the training stage starts from', async () => {
    // The network as the pipeline chooses it (no --model, no --architecture: the tutorial's, from the seed).
    const { model, description } = await chooseModel(config, { loadModelFile: never, loadArchitectureFile: never }, { height: 28, width: 28, channels: 1, classes: 10 });
    const run = runTraining({ model, description, config, data: { train: split, test: testSplit, info: {} as never }, backend: cpu, staging: {} as never, log: () => {}, progress: {} as never });
    await expect(run).rejects.toThrow('stopped after capturing');
    const rebuilt = initialKernels(config.seed);
    expect([...rebuilt.keys()]).toEqual(['conv2d', 'conv2d_1', 'conv2d_2', 'dense', 'dense_1']);
    expect([...(started.kernels?.keys() ?? [])]).toEqual([...rebuilt.keys()]);
    for (const [layer, values] of rebuilt) expect(started.kernels?.get(layer), layer).toEqual(values);
  });

  it('rebuilds the tutorial\'s kernels for a colour input and three classes from the description', async () => {
    const shape = { height: 32, width: 32, channels: 3, classes: 3 };
    const { model, description } = await chooseModel(config, { loadModelFile: never, loadArchitectureFile: never }, shape);
    const pixels = 32 * 32 * 3;
    const data = { train: { images: new Float32Array(8 * pixels), labels: new Int32Array(8), count: 8 }, test: { images: new Float32Array(64 * pixels), labels: new Int32Array(64), count: 64 }, info: {} as never };
    const run = runTraining({ model, description, config, data, backend: cpu, staging: {} as never, log: () => {}, progress: {} as never });
    await expect(run).rejects.toThrow('stopped after capturing');
    const rebuilt = initialKernels(config.seed, model, description);
    expect(rebuilt.get('conv2d')).toHaveLength(3 * 3 * 3 * 32);
    expect(rebuilt.get('dense_1')).toHaveLength(128 * 3);
    for (const [layer, values] of rebuilt) expect(started.kernels?.get(layer), layer).toEqual(values);
    model.dispose();
  });

  it('gives other kernels for another seed', () => {
    expect(initialKernels(12).get('conv2d')).not.toEqual(initialKernels(11).get('conv2d'));
  });
});
