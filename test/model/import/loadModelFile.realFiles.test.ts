// The importers on real files Keras wrote (../shared/keras-models, see its README): layer names, and
// predictions on MNIST test images against a forward pass in plain loops over the weights read straight
// from the file with h5wasm (not through the importer).
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { unzipSync } from 'fflate';
import h5wasm from 'h5wasm/node';
import { beforeAll, describe, expect, it } from 'vitest';
import '@tensorflow/tfjs-backend-cpu';
import * as tf from '@tensorflow/tfjs-core';
import { defaultDataDir } from '../../../pipeline/data/loadMnist';
import { parseIdxImages, parseIdxLabels } from '../../../pipeline/data/idx';
import { describeModel } from '../../../pipeline/model/describeModel';
import { loadModelFile } from '../../../pipeline/model/import/loadModelFile';
import { argmax, plainForward, type PlainLayer } from './plainForward';

/** KERAS_MODELS_DIR, else ../shared/keras-models beside the repository (CI clones elsewhere: set the variable there). */
const repoRoot = path.resolve(import.meta.dirname, '../../..');
const candidates = [process.env.KERAS_MODELS_DIR, path.resolve(repoRoot, '../shared/keras-models')].filter((d): d is string => !!d);
const modelsDir = candidates.find((d) => existsSync(path.join(d, 'keras2.10-sequential-activations.h5')));
const skipReason = `no real Keras files: looked in ${candidates.join(', ')} (set KERAS_MODELS_DIR to the shared keras-models folder)`;

const COUNT = 100;
let images: Float32Array;
let labels: Uint8Array;

beforeAll(async () => {
  await tf.setBackend('cpu');
  await h5wasm.ready;
  const dir = defaultDataDir();
  const idx = parseIdxImages(readFileSync(path.join(dir, 't10k-images-idx3-ubyte')), 't10k-images');
  images = Float32Array.from(idx.pixels.subarray(0, COUNT * 784), (p) => p / 255);
  labels = parseIdxLabels(readFileSync(path.join(dir, 't10k-labels-idx1-ubyte')), 't10k-labels').labels.subarray(0, COUNT);
});

/** Opens an HDF5 file with h5wasm and reads float32 datasets by path. */
function h5Reader(file: string) {
  const f = new h5wasm.File(file, 'r');
  return {
    get: (p: string) => (f.get(p) as InstanceType<typeof h5wasm.Dataset>).value as Float32Array,
    close: () => f.close(),
  };
}

/** Predictions of the imported model against the plain forward pass, image by image. */
async function compare(file: string, plain: PlainLayer[]): Promise<{ names: string[]; accuracy: number; description: ReturnType<typeof describeModel> }> {
  const { model, source } = await loadModelFile(file);
  const description = describeModel(model, source);
  const got = tf.tidy(() => (model.predict(tf.tensor4d(images, [COUNT, 28, 28, 1])) as tf.Tensor).arraySync() as number[][]);
  let correct = 0;
  for (let i = 0; i < COUNT; i++) {
    const want = plainForward(plain, images.subarray(i * 784, (i + 1) * 784), 28, 28, 1);
    for (let k = 0; k < 10; k++) expect(Math.abs(got[i][k] - want[k])).toBeLessThan(1e-4);
    expect(argmax(got[i])).toBe(argmax(want));
    if (argmax(want) === labels[i]) correct++;
  }
  const names = model.layers.map((l) => l.name);
  model.dispose();
  return { names, accuracy: correct / COUNT, description };
}

describe.skipIf(!modelsDir)(`the real Keras files${modelsDir ? '' : ` (skipped: ${skipReason})`}`, () => {
  it('Keras 2.10 .h5 with separate Activation layers: the file\'s layer names, and every prediction as the plain forward pass computes it', async () => {
    const file = path.join(modelsDir!, 'keras2.10-sequential-activations.h5');
    const h5 = h5Reader(file);
    const w = (layer: string, role: string) => h5.get(`model_weights/${layer}/${layer}/${role}:0`);
    const plain: PlainLayer[] = [
      { kind: 'conv', kernel: w('conv2d', 'kernel'), bias: w('conv2d', 'bias'), size: 5, filters: 16, padding: 'same', relu: false },
      { kind: 'relu' },
      { kind: 'maxpool' },
      { kind: 'conv', kernel: w('conv2d_1', 'kernel'), bias: w('conv2d_1', 'bias'), size: 5, filters: 36, padding: 'same', relu: false },
      { kind: 'relu' },
      { kind: 'maxpool' },
      { kind: 'dense', kernel: w('dense', 'kernel'), bias: w('dense', 'bias'), units: 128, activation: 'relu' },
      { kind: 'dense', kernel: w('dense_1', 'kernel'), bias: w('dense_1', 'bias'), units: 10, activation: 'softmax' },
    ];
    h5.close();
    const { names, accuracy, description: d } = await compare(file, plain);
    expect(names.filter((n) => !n.includes('input'))).toEqual(['conv2d', 'activation', 'max_pooling2d', 'conv2d_1', 'activation_1', 'max_pooling2d_1', 'dropout', 'flatten', 'dense', 'dropout_1', 'dense_1']);
    expect(accuracy).toBeGreaterThan(0.9);
    expect(d).toMatchObject({ totalParams: 242062, convolutions: ['conv2d', 'conv2d_1'], gradCam: ['conv2d_1', 'conv2d'], embedding: 'dense', logitLayer: 'dense_1', softmax: 'dense' });
    expect(d.visualized).toEqual(['conv2d', 'activation', 'max_pooling2d', 'conv2d_1', 'activation_1', 'max_pooling2d_1']);
    expect(d.source).toMatchObject({ kind: 'imported', format: 'h5', kerasVersion: '2.10.0', optimizer: 'Adam', loss: 'categorical_crossentropy' });
  });

  it('Keras 3.14 .keras: the file\'s layer names, and every prediction as the plain forward pass computes it', async () => {
    const file = path.join(modelsDir!, 'keras3.14-sequential.keras');
    const tmp = mkdtempSync(path.join(tmpdir(), 'real-keras-'));
    try {
      const weightsFile = path.join(tmp, 'model.weights.h5');
      writeFileSync(weightsFile, unzipSync(readFileSync(file), { filter: (e) => e.name === 'model.weights.h5' })['model.weights.h5']);
      const h5 = h5Reader(weightsFile);
      const v = (layer: string, i: number) => h5.get(`layers/${layer}/vars/${i}`);
      const plain: PlainLayer[] = [
        { kind: 'conv', kernel: v('conv2d', 0), bias: v('conv2d', 1), size: 3, filters: 32, padding: 'valid', relu: true },
        { kind: 'maxpool' },
        { kind: 'conv', kernel: v('conv2d_1', 0), bias: v('conv2d_1', 1), size: 3, filters: 64, padding: 'valid', relu: true },
        { kind: 'maxpool' },
        { kind: 'dense', kernel: v('dense', 0), bias: v('dense', 1), units: 128, activation: 'relu' },
        { kind: 'dense', kernel: v('dense_1', 0), bias: v('dense_1', 1), units: 10, activation: 'softmax' },
      ];
      h5.close();
      const { names, accuracy, description: d } = await compare(file, plain);
      expect(names).toEqual(['input_layer', 'conv2d', 'max_pooling2d', 'conv2d_1', 'max_pooling2d_1', 'flatten', 'dense', 'dropout', 'dense_1']);
      expect(accuracy).toBeGreaterThan(0.9);
      expect(d).toMatchObject({ totalParams: 225034, convolutions: ['conv2d', 'conv2d_1'], embedding: 'dense', logitLayer: 'dense_1', softmax: 'dense' });
      expect(d.visualized).toEqual(['conv2d', 'max_pooling2d', 'conv2d_1', 'max_pooling2d_1']);
      expect(d.source).toMatchObject({ kind: 'imported', format: 'keras', kerasVersion: '3.14.0', optimizer: 'Adam', loss: 'sparse_categorical_crossentropy' });
    } finally {
      rmSync(tmp, { recursive: true, force: true });
    }
  });
});
