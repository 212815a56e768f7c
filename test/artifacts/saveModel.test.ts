import '@tensorflow/tfjs-backend-cpu';
import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { beforeAll, describe, expect, it } from 'vitest';
import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { deserializeModel, loadSavedModel, serializeModel } from '../../pipeline/artifacts/saveModel';
import { createModel } from '../../pipeline/model/createModel';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe('serializeModel', () => {
  it('writes a TF.js layers model that loads back with the same layers and predictions', async () => {
    const model = createModel({ seed: 4 });
    const { modelJson, weights } = await serializeModel(model);
    const json = JSON.parse(modelJson);
    expect(json.format).toBe('layers-model');
    expect(json).toHaveProperty('convertedBy', null);
    expect(json.weightsManifest[0].paths).toEqual(['./weights.bin']);
    expect(weights.length).toBe(110474 * 4);

    const loaded = await tfl.loadLayersModel(
      tf.io.fromMemory({ modelTopology: json.modelTopology, weightSpecs: json.weightsManifest[0].weights, weightData: weights.slice().buffer }),
    );
    const x = tf.randomUniform([2, 28, 28, 1], 0, 1, 'float32', 1);
    const a = (model.predict(x) as tf.Tensor).dataSync();
    // deserializeModel (the explain stage's model copy) reads the same two files back.
    for (const back of [loaded, await deserializeModel(modelJson, weights.subarray(0))]) {
      expect(back.layers.map((l) => l.name)).toEqual(model.layers.map((l) => l.name));
      expect(Array.from((back.predict(x) as tf.Tensor).dataSync())).toEqual(Array.from(a));
    }
  });
});

describe('loadSavedModel', () => {
  it('loads model.json and the weights file it names from a folder', async () => {
    const model = createModel({ seed: 5 });
    const { modelJson, weights } = await serializeModel(model, 'w.bin');
    const dir = path.join(await mkdtemp(path.join(tmpdir(), 'model-')), 'model');
    await mkdir(dir);
    await writeFile(path.join(dir, 'model.json'), modelJson);
    await writeFile(path.join(dir, 'w.bin'), weights);
    const loaded = await loadSavedModel(dir);
    const x = tf.randomUniform([1, 28, 28, 1], 0, 1, 'float32', 2);
    expect(Array.from((loaded.predict(x) as tf.Tensor).dataSync())).toEqual(Array.from((model.predict(x) as tf.Tensor).dataSync()));
  });
});
