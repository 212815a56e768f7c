import '@tensorflow/tfjs-backend-cpu';
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { createModel } from '../../pipeline/model/createModel';
import { summarizeModel } from '../../pipeline/model/summary';
import { computeActivations, createActivationModel } from '../../pipeline/visualize/activationModel';
import { TUTORIAL_DESCRIPTION } from '../model/tutorialDescription';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe('activation model', () => {
  it('outputs the first eight layers with the shapes of the model summary', () => {
    const model = createModel({ seed: 1 });
    const activationModel = createActivationModel(model, TUTORIAL_DESCRIPTION.visualized);
    expect(activationModel.outputs.map((o) => o.sourceLayer.name)).toEqual(TUTORIAL_DESCRIPTION.visualized);
    const summary = summarizeModel(model).layers.slice(0, 8);
    const before = tf.memory().numTensors;
    const n = 3;
    const images = Float32Array.from({ length: n * 28 * 28 }, (_, i) => (i % 7) / 7);
    const layers = computeActivations(activationModel, images, n, TUTORIAL_DESCRIPTION.input);
    expect(tf.memory().numTensors).toBe(before);
    expect(layers.map((l) => l.name)).toEqual(summary.map((l) => l.name));
    expect(layers.map((l) => [null, ...l.shape])).toEqual(summary.map((l) => l.outputShape));
    expect(layers.map((l) => l.type)).toEqual(summary.map((l) => l.type));
    for (const layer of layers) expect(layer.values.length).toBe(n * layer.shape[0] * layer.shape[1] * layer.shape[2]);
    // Inference mode: dropout passes the pooled maps through unchanged.
    expect(layers[2].values).toEqual(layers[1].values);
    expect(layers[5].values).toEqual(layers[4].values);
  });

  it('names the missing layer when asked for one the model does not have', () => {
    const model = createModel({ seed: 1 });
    expect(() => createActivationModel(model, ['conv2d', 'conv9'])).toThrow(/the model has no layer named 'conv9'; its layers are conv2d, max_pooling2d/);
  });

  it('names every missing layer, and calls the model activation_model', () => {
    const model = createModel({ seed: 1 });
    expect(() => createActivationModel(model, ['conv8', 'conv9'])).toThrow("the model has no layer named 'conv8', 'conv9'; its layers are");
    expect(createActivationModel(model, ['conv2d']).name).toBe('activation_model');
  });

  it('refuses images whose length is not n × 28 × 28', () => {
    const activationModel = createActivationModel(createModel({ seed: 1 }), ['conv2d']);
    expect(() => computeActivations(activationModel, new Float32Array(784), 2, TUTORIAL_DESCRIPTION.input)).toThrow('2 images of 28×28×1 need 1568 pixel values, got 784');
  });
});
