import '@tensorflow/tfjs-backend-cpu';
import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { selectBackend } from '../../pipeline/backend/selectBackend';
import { silentProgress } from '../../pipeline/cli/progress';
import type { Split } from '../../pipeline/data/loadMnist';
import { createParallelStepper } from '../../pipeline/train/parallelStepper';
import { createLocalStepper, type TrainStepper } from '../../pipeline/train/stepper';
import { createTimelapseRecorder, type TimelapseRecorder } from '../../pipeline/train/timelapse';
import { trainModel } from '../../pipeline/train/trainModel';
import { TUTORIAL_DESCRIPTION } from '../model/tutorialDescription';

const MNIST = TUTORIAL_DESCRIPTION.input;

const SLOW = 180_000; // workers load TF.js and compile wasm; the machine is shared

beforeAll(async () => {
  await selectBackend('wasm', () => {});
});

/** Digit k is a bar at row 4 + 2k: something a conv layer can learn in a few steps. */
function barSplit(count: number, offset = 0): Split {
  const images = new Float32Array(count * 784);
  const labels = Int32Array.from({ length: count }, (_, i) => (i + offset) % 10);
  labels.forEach((label, i) => {
    for (let x = 6; x < 22; x++) images[i * 784 + (4 + 2 * label) * 28 + x] = 0.5 + ((i * 7 + x) % 5) / 10;
  });
  return { images, labels, count };
}

/** The article's first layer, then straight to the classes: small, but with a real `conv2d`. */
function tinyConvModel(): tfl.LayersModel {
  const m = tfl.sequential();
  m.add(tfl.layers.conv2d({ name: 'conv2d', inputShape: [28, 28, 1], filters: 32, kernelSize: 3, activation: 'relu', kernelInitializer: tfl.initializers.glorotUniform({ seed: 3 }) }));
  m.add(tfl.layers.flatten({ name: 'flatten' }));
  m.add(tfl.layers.dense({ name: 'dense_1', units: 10, activation: 'softmax', kernelInitializer: tfl.initializers.glorotUniform({ seed: 4 }) }));
  return m;
}

const kernelOf = (model: tfl.LayersModel) => Float32Array.from(model.getLayer('conv2d').getWeights()[0].dataSync());
const maxDiff = (a: ArrayLike<number>, b: ArrayLike<number>) => Array.from(a).reduce((m, v, i) => Math.max(m, Math.abs(v - b[i])), 0);

const TRAIN = barSplit(48);
const VALIDATION = barSplit(20, 3);
const IMAGE = TRAIN.images.slice(5 * 784, 6 * 784);

async function train(model: tfl.LayersModel, stepper: TrainStepper, maxEpochs: number, recorder?: TimelapseRecorder) {
  try {
    return await trainModel({ model, stepper, train: TRAIN, validation: VALIDATION, maxEpochs, batchSize: 8, patience: 10, seed: 5, progress: silentProgress, onWeights: recorder?.record });
  } finally {
    await stepper.dispose();
  }
}

/** A one-epoch run of the same model and seed: its final kernel is what epoch 1 ended with. */
async function endOfEpochOne(): Promise<{ kernel: Float32Array; maps: Float32Array }> {
  const model = tinyConvModel();
  await train(model, createLocalStepper(model, { learningRate: 0.01 }), 1);
  const maps = tf.tidy(() => model.getLayer('conv2d').apply(tf.tensor4d(IMAGE, [1, 28, 28, 1])) as tf.Tensor);
  const result = { kernel: kernelOf(model), maps: Float32Array.from(maps.dataSync()) };
  maps.dispose();
  model.dispose();
  return result;
}

describe('createTimelapseRecorder', () => {
  let reference: { kernel: Float32Array; maps: Float32Array };
  beforeAll(async () => {
    reference = await endOfEpochOne();
  }, SLOW);

  it('records for epoch 1 of a 2-epoch run the weights epoch 1 ended with: not the initial ones, not the kept ones', async () => {
    const model = tinyConvModel();
    const initial = kernelOf(model);
    const recorder = createTimelapseRecorder(IMAGE, 'conv2d', MNIST);
    const history = await train(model, createLocalStepper(model, { learningRate: 0.01 }), 2, recorder);
    // The checkpoint must have kept epoch 2, or "the final weights" would be epoch 1's.
    expect(history.bestEpoch).toBe(2);
    expect(recorder.frames.map((f) => f.epoch)).toEqual([0, 1, 2]);
    expect(recorder.kernelShape()).toEqual([3, 3, 1, 32]);
    expect(recorder.mapShape()).toEqual([26, 26, 32]);
    expect(recorder.frames[0].kernel).toEqual(initial);
    expect(recorder.frames[1].kernel).toEqual(reference.kernel);
    expect(recorder.frames[1].maps).toEqual(reference.maps);
    expect(maxDiff(recorder.frames[1].kernel, initial)).toBeGreaterThan(1e-3);
    expect(maxDiff(recorder.frames[1].kernel, kernelOf(model))).toBeGreaterThan(1e-3);
    expect(recorder.frames[2].kernel).toEqual(kernelOf(model));
    model.dispose();
  }, SLOW);

  it('records what the data-parallel workers trained, synced before each frame', async () => {
    const model = tinyConvModel();
    const initial = kernelOf(model);
    const recorder = createTimelapseRecorder(IMAGE, 'conv2d', MNIST);
    const stepper = await createParallelStepper({ model, learningRate: 0.01, workers: 2, seed: 1, backend: 'wasm' });
    await train(model, stepper, 2, recorder);
    // The workers sum gradients in another order than one thread does: equal up to rounding.
    expect(maxDiff(recorder.frames[1].kernel, reference.kernel)).toBeLessThan(1e-4);
    expect(maxDiff(recorder.frames[1].kernel, initial)).toBeGreaterThan(1e-3);
    expect(maxDiff(recorder.frames[2].kernel, recorder.frames[1].kernel)).toBeGreaterThan(1e-3);
    model.dispose();
  }, SLOW);

  it('refuses a model without the recorded layer, and an image of the wrong size', () => {
    const model = tfl.sequential({ layers: [tfl.layers.flatten({ name: 'flatten', inputShape: [28, 28, 1] })] });
    expect(() => createTimelapseRecorder(IMAGE, 'conv2d', MNIST).record(0, model)).toThrow("timelapse: the model has no layer 'conv2d'; its layers: flatten");
    expect(() => createTimelapseRecorder(new Float32Array(10), 'conv2d', MNIST)).toThrow('expected one 28×28×1 image (784 values), got 10');
    expect(() => createTimelapseRecorder(IMAGE, 'conv2d', MNIST).record(0, tfl.sequential())).toThrow("timelapse: the model has no layer 'conv2d'; its layers: ");
  });

  it('has no shapes before the first frame', () => {
    const recorder = createTimelapseRecorder(IMAGE, 'conv2d', MNIST);
    expect([recorder.kernelShape(), recorder.mapShape(), recorder.frames]).toEqual([[], [], []]);
  });

  it('refuses a layer named conv2d that has no [kh, kw, channels, filters] kernel', () => {
    const named = (layer: tfl.layers.Layer) => tfl.sequential({ layers: [layer] });
    const models = [
      named(tfl.layers.flatten({ name: 'conv2d', inputShape: [28, 28, 1] })), // no weights at all
      named(tfl.layers.conv1d({ name: 'conv2d', inputShape: [784, 1], filters: 1, kernelSize: 3 })), // [3, 1, 1]: three axes
    ];
    for (const model of models) {
      expect(() => createTimelapseRecorder(IMAGE, 'conv2d', MNIST).record(0, model)).toThrow("timelapse: layer 'conv2d' has no [kh, kw, channels, filters] kernel");
      model.dispose();
    }
  });

  it('keeps its own copy of each kernel, even on a backend that hands out its storage', async () => {
    // The cpu backend's dataSync returns the tensor's own array.
    await tf.setBackend('cpu');
    try {
      const model = tinyConvModel();
      const recorder = createTimelapseRecorder(IMAGE, 'conv2d', MNIST);
      recorder.record(0, model);
      const before = kernelOf(model);
      recorder.frames[0].kernel.fill(7);
      expect(kernelOf(model)).toEqual(before);
      model.dispose();
    } finally {
      await tf.setBackend('wasm');
    }
  });
});

afterAll(() => {
  tf.disposeVariables();
});
