import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import '@tensorflow/tfjs-backend-cpu';
import * as tf from '@tensorflow/tfjs-core';
import type * as tfl from '@tensorflow/tfjs-layers';
import { loadArchitectureFile, loadModelFile, ModelFileError } from '../../../pipeline/model/import/loadModelFile';
import { KERAS3_METADATA, keras2Config, keras2WeightNames, keras3Config, kerasZip, tinyWeights, writeKerasWeightsH5, writeLegacyH5, writeTfjsModel } from './kerasFixtures';
import { argmax, plainForward, type PlainLayer } from './plainForward';

let dir: string;
beforeAll(async () => {
  await tf.setBackend('cpu');
  dir = mkdtempSync(join(tmpdir(), 'import-test-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const at = (name: string) => join(dir, name);
const images = (n: number) => Float32Array.from({ length: n * 64 }, (_, i) => ((i * 37) % 101) / 100);

/** The tiny network in plain loops over the fixture's own weights. */
function tinyPlain(): PlainLayer[] {
  const w = tinyWeights();
  return [
    { kind: 'conv', kernel: w.conv2d[0].values, bias: w.conv2d[1].values, size: 3, filters: 2, padding: 'valid', relu: true },
    { kind: 'maxpool' },
    { kind: 'dense', kernel: w.dense[0].values, bias: w.dense[1].values, units: 3, activation: 'softmax' },
  ];
}

/** The model's predictions for four images equal the plain forward pass, and its layers are the file's. */
function expectTinyNetwork(m: tfl.Sequential): void {
  expect(m.layers.map((l) => l.name).filter((n) => n !== 'input_layer' && n !== 'conv2d_input')).toEqual(['conv2d', 'max_pooling2d', 'flatten', 'dense']);
  const x = images(4);
  const got = tf.tidy(() => (m.predict(tf.tensor4d(x, [4, 8, 8, 1])) as tf.Tensor).arraySync() as number[][]);
  for (let i = 0; i < 4; i++) {
    const want = plainForward(tinyPlain(), x.subarray(i * 64, (i + 1) * 64), 8, 8, 1);
    got[i].forEach((v, k) => expect(v).toBeCloseTo(want[k], 5));
    expect(argmax(got[i])).toBe(argmax(want));
  }
}

async function keras3File(name: string, entries: Record<string, Uint8Array | string> = {}): Promise<string> {
  const weights = await writeKerasWeightsH5(at(`${name}.weights.h5`), { conv2d: tinyWeights().conv2d, dense: tinyWeights().dense, max_pooling2d: [], flatten: [] });
  const file = at(name);
  writeFileSync(file, kerasZip({ 'config.json': JSON.stringify(keras3Config()), 'metadata.json': KERAS3_METADATA, 'model.weights.h5': weights, ...entries }));
  return file;
}

/** The Sequential fixture as a Keras 2 functional model: each layer called once on the previous one. */
function functional(sequential: object): { class_name: string; config: object } {
  const layers = (sequential as { config: { layers: { class_name: string; config: { name: string } }[] } }).config.layers;
  const named = layers.map((l, i) => ({ ...l, name: l.config.name, inbound_nodes: i === 0 ? [] : [[[layers[i - 1].config.name, 0, 0, {}]]] }));
  return { class_name: 'Functional', config: { name: 'model', layers: named, input_layers: [[named[0].name, 0, 0]], output_layers: [[named.at(-1)!.name, 0, 0]] } };
}

const refusal = async (p: Promise<unknown>): Promise<string> => {
  const err = await p.then(() => null, (e: unknown) => e);
  expect(err).toBeInstanceOf(ModelFileError);
  return (err as Error).message;
};

describe('loadModelFile on files written in Keras and TF.js layouts', () => {
  it('reads a legacy Keras 2 .h5 with its weights, and records container, version, optimizer, loss and SHA-256', async () => {
    const file = at('tiny.h5');
    await writeLegacyH5(file);
    const { model, source } = await loadModelFile(file);
    expectTinyNetwork(model);
    const sha = (await import('node:crypto')).createHash('sha256').update(readFileSync(file)).digest('hex');
    expect(source).toEqual({ kind: 'imported', file: 'tiny.h5', format: 'h5', kerasVersion: '2.10.0', generatedBy: null, sha256: sha, optimizer: 'Adam', loss: 'categorical_crossentropy' });
    model.dispose();
  });

  it('reads a legacy .h5 written by Keras 3\'s legacy saver (weight paths without :0, nested under the model name)', async () => {
    const w = tinyWeights();
    const file = at('tiny-k3legacy.hdf5');
    await writeLegacyH5(file, {
      config: keras3Config(),
      kerasVersion: '3.5.0',
      weights: { conv2d: [['sequential/conv2d/kernel', w.conv2d[0]], ['sequential/conv2d/bias', w.conv2d[1]]], dense: [['sequential/dense/kernel', w.dense[0]], ['sequential/dense/bias', w.dense[1]]] },
    });
    const { model, source } = await loadModelFile(file);
    expectTinyNetwork(model);
    expect(source.kerasVersion).toBe('3.5.0');
    model.dispose();
  });

  it('reads a Keras 3 .keras archive, translating its configuration, with keras_version from metadata.json', async () => {
    const { model, source } = await loadModelFile(await keras3File('tiny.keras'));
    expectTinyNetwork(model);
    expect(source).toMatchObject({ kind: 'imported', format: 'keras', kerasVersion: '3.14.0', optimizer: 'Adam', loss: 'sparse_categorical_crossentropy' });
    model.dispose();
  });

  it('reads a TF.js model.json with its shard, hashing both, and records generatedBy', async () => {
    const file = writeTfjsModel(at('tfjs'));
    const { model, source } = await loadModelFile(file);
    expectTinyNetwork(model);
    const { createHash } = await import('node:crypto');
    const sha = createHash('sha256').update(readFileSync(file)).update(readFileSync(join(at('tfjs'), 'group1-shard1of1.bin'))).digest('hex');
    expect(source).toMatchObject({ format: 'tfjs', file: 'model.json', generatedBy: 'keras v2.10.0; TensorFlow.js Converter v4.22.0', sha256: sha, kerasVersion: '2.10.0' });
    model.dispose();
  });

  it('reads a functional model that is a single chain as a Sequential', async () => {
    const file = at('functional.h5');
    await writeLegacyH5(file, { config: functional(keras2Config()) });
    const { model } = await loadModelFile(file);
    expectTinyNetwork(model);
    model.dispose();
  });

  it('reads SpatialDropout2D as Dropout and says so in the notes', async () => {
    const file = at('spatial.h5');
    await writeLegacyH5(file, { config: keras2Config([{ class_name: 'SpatialDropout2D', config: { name: 'spatial_dropout2d', rate: 0.25, trainable: true, dtype: 'float32', noise_shape: null, seed: null } }]) });
    const { model, notes } = await loadModelFile(file);
    expect(model.getLayer('spatial_dropout2d').getClassName()).toBe('Dropout');
    expect(notes.join(' ')).toMatch(/spatial_dropout2d.*SpatialDropout2D is read as Dropout/);
    model.dispose();
  });
});

describe('loadArchitectureFile', () => {
  it('builds a Keras configuration JSON untrained, the same initial weights for the same seed and different for another', async () => {
    const file = at('arch.json');
    writeFileSync(file, JSON.stringify(keras2Config()));
    const [a, b, c] = await Promise.all([loadArchitectureFile(file, 5), loadArchitectureFile(file, 5), loadArchitectureFile(file, 6)]);
    const kernel = (m: typeof a) => Array.from(m.model.getLayer('conv2d').getWeights()[0].dataSync());
    expect(kernel(a)).toEqual(kernel(b));
    expect(kernel(a)).not.toEqual(kernel(c));
    expect(kernel(a)).not.toEqual(Array.from(tinyWeights().conv2d[0].values));
    expect(a.source).toMatchObject({ kind: 'architecture', format: 'keras-json', file: 'arch.json', optimizer: null, loss: null });
    [a, b, c].forEach((m) => m.model.dispose());
  });

  it('takes the configuration of a .keras file without needing its weights', async () => {
    const file = at('arch.keras');
    writeFileSync(file, kerasZip({ 'config.json': JSON.stringify(keras3Config()), 'metadata.json': KERAS3_METADATA }));
    const { model, source } = await loadArchitectureFile(file, 1);
    expect(model.countParams()).toBe(2 * 9 + 2 + 18 * 3 + 3);
    expect(source).toMatchObject({ kind: 'architecture', format: 'keras' });
    model.dispose();
  });
});

describe('loadModelFile refuses bad input with a message naming the file and what to do', () => {
  it('a missing file', async () => {
    expect(await refusal(loadModelFile(at('nope.h5')))).toMatch(/nope\.h5: no such file/);
  });

  it('an unknown extension, listing the accepted ones', async () => {
    writeFileSync(at('model.pt'), 'x');
    expect(await refusal(loadModelFile(at('model.pt')))).toMatch(/unknown extension "\.pt".*\.keras.*\.h5 \/ \.hdf5.*\.json/);
  });

  it('a truncated .h5', async () => {
    await writeLegacyH5(at('whole.h5'));
    const bytes = readFileSync(at('whole.h5'));
    writeFileSync(at('cut.h5'), bytes.subarray(0, Math.floor(bytes.length / 2)));
    expect(await refusal(loadModelFile(at('cut.h5')))).toMatch(/cut\.h5 is truncated/);
  });

  it('an .h5 that is not HDF5', async () => {
    writeFileSync(at('text.h5'), 'this is not a model');
    expect(await refusal(loadModelFile(at('text.h5')))).toMatch(/text\.h5 is not an HDF5 file/);
  });

  it('an HDF5 file that is not a Keras model (no model_config)', async () => {
    await writeLegacyH5(at('other.h5'), { config: null });
    expect(await refusal(loadModelFile(at('other.h5')))).toMatch(/other\.h5 is an HDF5 file but not a Keras model: it has no model_config attribute/);
  });

  it('a branching functional model, naming the merge', async () => {
    const cfg = functional(keras2Config());
    const layers = (cfg.config as { layers: Record<string, unknown>[] }).layers;
    layers[layers.length - 1].inbound_nodes = [[['flatten', 0, 0, {}], ['max_pooling2d', 0, 0, {}]]];
    await writeLegacyH5(at('branch.h5'), { config: cfg });
    expect(await refusal(loadModelFile(at('branch.h5')))).toMatch(/not a single chain of layers \(layer "dense" takes 2 inputs: flatten, max_pooling2d\)/);
  });

  it('a .keras without model.weights.h5', async () => {
    const file = at('noweights.keras');
    writeFileSync(file, kerasZip({ 'config.json': JSON.stringify(keras3Config()), 'metadata.json': KERAS3_METADATA }));
    expect(await refusal(loadModelFile(file))).toMatch(/noweights\.keras has no model\.weights\.h5 \(it holds: config\.json, metadata\.json\)/);
  });

  it('a Lambda layer, by name, without executing anything', async () => {
    const lambda = { class_name: 'Lambda', config: { name: 'lambda', function: ['4wEAAAAAAAAA', null, null], function_type: 'lambda', module: '__main__' } };
    await writeLegacyH5(at('lambda.h5'), { config: keras2Config([lambda]) });
    expect(await refusal(loadModelFile(at('lambda.h5')))).toMatch(/layer "lambda" \(class Lambda\).*supported layers: InputLayer, Conv2D/);
  });

  it('an unregistered custom class', async () => {
    const custom = { module: 'my_project.layers', class_name: 'MyAttention', config: { name: 'my_attention' }, registered_name: 'Custom>MyAttention' };
    const file = await keras3File('custom.keras', { 'config.json': JSON.stringify(keras3Config([custom])) });
    expect(await refusal(loadModelFile(file))).toMatch(/layer "my_attention" \(class MyAttention\) comes from module "my_project\.layers"/);
  });

  it('a weight whose shape does not match the configuration, with both shapes', async () => {
    const w = keras2WeightNames();
    w.dense[0][1] = { shape: [18, 4], values: new Float32Array(72) };
    await writeLegacyH5(at('mismatch.h5'), { weights: w });
    expect(await refusal(loadModelFile(at('mismatch.h5')))).toMatch(/layer "dense" \(Dense\): weight kernel has shape \[18, 4\] in the file .* needs \[18, 3\]/);
  });

  it('a layer that has weights in the configuration but none in the file', async () => {
    const w = keras2WeightNames();
    delete (w as Record<string, unknown>).dense;
    await writeLegacyH5(at('noweights.h5'), { weights: w });
    expect(await refusal(loadModelFile(at('noweights.h5')))).toMatch(/layer "dense" \(Dense\) has weights in its configuration \(kernel \[18, 3\], bias \[3\]\) but none in the file/);
  });

  it('a Keras configuration JSON given as --model', async () => {
    writeFileSync(at('config.json'), JSON.stringify(keras2Config()));
    expect(await refusal(loadModelFile(at('config.json')))).toMatch(/without weights; pass it with --architecture/);
  });
});
