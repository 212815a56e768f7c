import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import '@tensorflow/tfjs-backend-cpu';
import * as tf from '@tensorflow/tfjs-core';
import { loadArchitectureFile, loadModelFile } from '../../../pipeline/model/import/loadModelFile';
import { KERAS3_METADATA, kerasZip, writeKerasWeightsH5, type NamedArray } from './kerasFixtures';

let dir: string;
beforeAll(async () => {
  await tf.setBackend('cpu');
  dir = mkdtempSync(join(tmpdir(), 'build-test-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const policy = { module: 'keras', class_name: 'DTypePolicy', config: { name: 'float32' }, registered_name: null };
const layer = (class_name: string, name: string, config: object = {}) => ({ module: 'keras.layers', class_name, config: { name, trainable: true, dtype: policy, ...config }, registered_name: null });

/** Every class of the vocabulary in one Keras 3 Sequential configuration. */
const everyLayer = {
  module: 'keras',
  class_name: 'Sequential',
  config: {
    name: 'every',
    layers: [
      { module: 'keras.layers', class_name: 'InputLayer', config: { batch_shape: [null, 12, 12, 1], dtype: 'float32', name: 'input' }, registered_name: null },
      layer('Rescaling', 'rescaling', { scale: 0.00392156862745098, offset: 0 }),
      layer('ZeroPadding2D', 'zero_padding2d', { padding: [[1, 1], [1, 1]], data_format: 'channels_last' }),
      layer('Conv2D', 'conv2d', { filters: 3, kernel_size: [3, 3], strides: [1, 1], padding: 'same', activation: 'linear', use_bias: true, kernel_initializer: { module: 'keras.initializers', class_name: 'HeNormal', config: { seed: null }, registered_name: null }, bias_initializer: { module: 'keras.initializers', class_name: 'Zeros', config: {}, registered_name: null } }),
      layer('BatchNormalization', 'batch_normalization', { axis: -1, momentum: 0.99, epsilon: 0.001, center: true, scale: true, synchronized: false, beta_initializer: { class_name: 'Zeros', config: {} }, gamma_initializer: { class_name: 'Ones', config: {} }, moving_mean_initializer: { class_name: 'Zeros', config: {} }, moving_variance_initializer: { class_name: 'Ones', config: {} } }),
      layer('ReLU', 're_lu', { max_value: null, negative_slope: 0, threshold: 0 }),
      layer('MaxPooling2D', 'max_pooling2d', { pool_size: [2, 2], strides: [2, 2], padding: 'valid' }),
      layer('SpatialDropout2D', 'spatial_dropout2d', { rate: 0.2, seed: null }),
      layer('Conv2D', 'conv2d_1', { filters: 4, kernel_size: [3, 3], padding: 'valid', activation: 'relu', use_bias: true }),
      layer('LeakyReLU', 'leaky_re_lu', { negative_slope: 0.2 }),
      layer('AveragePooling2D', 'average_pooling2d', { pool_size: [2, 2], strides: null, padding: 'valid' }),
      layer('Activation', 'activation', { activation: 'tanh' }),
      layer('GlobalMaxPooling2D', 'global_max_pooling2d', { keepdims: false }),
      layer('Reshape', 'reshape', { target_shape: [2, 2] }),
      layer('Flatten', 'flatten'),
      layer('Dropout', 'dropout', { rate: 0.5 }),
      layer('Dense', 'dense', { units: 3, activation: 'linear', use_bias: true }),
      layer('Softmax', 'softmax', { axis: -1 }),
    ],
  },
};

const values = (shape: number[], start: number): NamedArray => ({ shape, values: Float32Array.from({ length: shape.reduce((a, b) => a * b, 1) }, (_, i) => start + i / 100) });

describe('buildSequential (through the importers)', () => {
  it('builds every class of the vocabulary from a Keras 3 configuration, with the shapes the checks inferred', async () => {
    const file = join(dir, 'every.json');
    writeFileSync(file, JSON.stringify(everyLayer));
    const { model, notes } = await loadArchitectureFile(file, 3);
    expect(model.layers.map((l) => l.getClassName())).toEqual([
      'InputLayer', 'Rescaling', 'ZeroPadding2D', 'Conv2D', 'BatchNormalization', 'ReLU', 'MaxPooling2D', 'Dropout', 'Conv2D', 'LeakyReLU',
      'AveragePooling2D', 'Activation', 'GlobalMaxPooling2D', 'Reshape', 'Flatten', 'Dropout', 'Dense', 'Softmax',
    ]);
    expect(model.outputs[0].shape).toEqual([null, 3]);
    expect(model.getLayer('conv2d_1').outputShape).toEqual([null, 5, 5, 4]);
    expect(notes).toHaveLength(1);
    const y = tf.tidy(() => tf.sum(model.predict(tf.ones([2, 12, 12, 1])) as tf.Tensor, -1).arraySync() as number[]);
    y.forEach((s) => expect(s).toBeCloseTo(1, 5));
    model.dispose();
  });

  it('gives BatchNormalization the .keras variables in Keras\'s order: gamma, beta, moving mean, moving variance', async () => {
    const weights = {
      conv2d: [values([3, 3, 1, 3], 0), values([3], 1)],
      batch_normalization: [values([3], 2), values([3], 3), values([3], 4), values([3], 5)],
      conv2d_1: [values([3, 3, 3, 4], 6), values([4], 7)],
      dense: [values([4, 3], 8), values([3], 9)],
    };
    const h5 = await writeKerasWeightsH5(join(dir, 'every.weights.h5'), weights);
    const file = join(dir, 'every.keras');
    writeFileSync(file, kerasZip({ 'config.json': JSON.stringify(everyLayer), 'metadata.json': KERAS3_METADATA, 'model.weights.h5': h5 }));
    const { model } = await loadModelFile(file);
    const bn = model.getLayer('batch_normalization').getWeights().map((t) => t.dataSync()[0]);
    expect(bn.map((v) => Math.round(v))).toEqual([2, 3, 4, 5]);
    expect(Array.from(model.getLayer('dense').getWeights()[0].dataSync())).toEqual(Array.from(weights.dense[0].values));
    model.dispose();
  });
});
