import '@tensorflow/tfjs-backend-cpu';
import * as tf from '@tensorflow/tfjs-core';
import type * as tfl from '@tensorflow/tfjs-layers';
import { beforeAll, describe, expect, it } from 'vitest';
import { cascadeOrder, copyModel, randomiseLayer } from '../../pipeline/explain/randomise';
import { createModel } from '../../pipeline/model/createModel';
import { TUTORIAL_DESCRIPTION } from '../model/tutorialDescription';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

const weightsOf = (model: tfl.LayersModel, layer: string) => model.getLayer(layer).getWeights().map((w) => Array.from(w.dataSync()));

describe('model randomisation', () => {
  it('goes from the top: dense_1, dense, conv2d_2, conv2d_1, conv2d', () => {
    expect(cascadeOrder(TUTORIAL_DESCRIPTION)).toEqual(['dense_1', 'dense', 'conv2d_2', 'conv2d_1', 'conv2d']);
  });

  it('changes every randomised layer, leaves the layers below alone until their turn, and never touches the trained model', async () => {
    const trained = createModel({ seed: 1 });
    // Biases start at zero; give them values so a reset to zero is a visible change too.
    for (const name of cascadeOrder(TUTORIAL_DESCRIPTION)) {
      const [kernel, bias] = trained.getLayer(name).getWeights();
      trained.getLayer(name).setWeights([kernel, tf.fill(bias.shape, 0.25)]);
    }
    const before = Object.fromEntries(cascadeOrder(TUTORIAL_DESCRIPTION).map((n) => [n, weightsOf(trained, n)]));
    const copy = await copyModel(trained);
    const order = cascadeOrder(TUTORIAL_DESCRIPTION);
    for (const [k, name] of order.entries()) {
      randomiseLayer(copy, name, 100 + k);
      const now = weightsOf(copy, name);
      now.forEach((values, w) => expect(values, `${name} weight ${w}`).not.toEqual(before[name][w]));
      for (const below of order.slice(k + 1)) expect(weightsOf(copy, below), `${below} before its turn`).toEqual(before[below]);
    }
    for (const name of order) expect(weightsOf(trained, name), `trained ${name}`).toEqual(before[name]);
  });

  it('draws from the training initialisers with the seed given: glorot-uniform kernels in their bounds, zero biases, repeatable', async () => {
    const trained = createModel({ seed: 1 });
    const [a, b] = [await copyModel(trained), await copyModel(trained)];
    randomiseLayer(a, 'dense', 7);
    randomiseLayer(b, 'dense', 7);
    expect(weightsOf(a, 'dense')).toEqual(weightsOf(b, 'dense'));
    const [kernel, bias] = weightsOf(a, 'dense');
    const limit = Math.sqrt(6 / (128 + 128));
    expect(Math.max(...kernel.map(Math.abs))).toBeLessThanOrEqual(limit);
    expect(bias.every((v) => v === 0)).toBe(true);
    randomiseLayer(b, 'dense', 8);
    expect(weightsOf(b, 'dense')[0]).not.toEqual(kernel);
  });
});
