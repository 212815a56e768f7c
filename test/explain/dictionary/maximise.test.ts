import '@tensorflow/tfjs-backend-cpu';
import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { beforeAll, describe, expect, it } from 'vitest';
import { preActivation } from '../../../pipeline/explain/dictionary/layerOutputs';
import { ascend, type AscentSettings } from '../../../pipeline/explain/dictionary/maximise';
import { channelObjective, classObjective } from '../../../pipeline/explain/dictionary/objectives';
import { createLogitNet } from '../../../pipeline/explain/logitNet';
import { createModel } from '../../../pipeline/model/createModel';
import { mulberry32 } from '../../../pipeline/train/random';
import { onePixelModel, randomImages } from '../tinyModels';
import { TUTORIAL_DESCRIPTION } from '../../model/tutorialDescription';
const MNIST = TUTORIAL_DESCRIPTION.input;

beforeAll(async () => {
  await tf.setBackend('cpu');
});

const settings: AscentSettings = { steps: 40, stepSize: 0.05, l2: 0.05, jitter: 1, blur: 0.1, noise: 0.1, seed: 3 };
const mean = (values: Float32Array) => values.reduce((s, v) => s + v, 0) / values.length;

/** A 1×1 convolution with ReLU: channel 0 is +x (best input: all white), channel 1 is −x (best: all black). */
function signModel(): tfl.LayersModel {
  const model = tfl.sequential({ layers: [tfl.layers.conv2d({ name: 'conv', filters: 2, kernelSize: 1, activation: 'relu', inputShape: [28, 28, 1] })] });
  model.getLayer('conv').setWeights([tf.tensor4d([1, -1], [1, 1, 1, 2]), tf.zeros([2])]);
  return model;
}

describe('activation maximisation', () => {
  it('climbs each channel towards its known best input, one image per channel', () => {
    const result = ascend(channelObjective(signModel(), 'conv', MNIST), 2, settings, MNIST);
    expect(result.final[0]).toBeGreaterThan(result.start[0]);
    expect(result.final[1]).toBeGreaterThan(result.start[1]);
    expect(mean(result.images.subarray(0, 784))).toBeGreaterThan(0.9);
    expect(result.final[0]).toBeGreaterThan(0.9);
    expect(mean(result.images.subarray(784))).toBeLessThan(0.02);
    expect(Math.min(...result.images)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...result.images)).toBeLessThanOrEqual(1);
  });

  it('climbs the negative pre-ReLU value that a ReLU output could not show', () => {
    // Channel 1's ReLU output is 0 for every input in [0, 1]; its pre-activation −mean(x) still has a slope.
    const model = signModel();
    const x = tf.fill([1, 28, 28, 1], 0.5) as tf.Tensor4D;
    expect(Array.from(tf.mean(preActivation(model, x, 'conv'), [1, 2]).dataSync())).toEqual([0.5, -0.5]);
  });

  it('lights the one pixel a class reads', () => {
    const net = createLogitNet(onePixelModel(300, 3, 2));
    const sharp = ascend(classObjective(net), 10, { ...settings, blur: 0, jitter: 0 }, MNIST);
    expect(sharp.images[3 * 784 + 300]).toBe(1);
    expect(sharp.final[3]).toBeCloseTo(2, 5);
    // Jitter moves the read pixel by up to one place, so the brightest pixel is 300 or a neighbour; the score still rises.
    const blurred = ascend(classObjective(net), 10, settings, MNIST);
    const image = Array.from(blurred.images.subarray(3 * 784, 4 * 784));
    const brightest = image.indexOf(Math.max(...image));
    expect(Math.abs((brightest % 28) - (300 % 28))).toBeLessThanOrEqual(1);
    expect(Math.abs(Math.floor(brightest / 28) - Math.floor(300 / 28))).toBeLessThanOrEqual(1);
    expect(blurred.final[3]).toBeGreaterThan(blurred.start[3] + 1);
  });

  it('gives the same images for the same seed and other images for another', () => {
    const model = createModel({ seed: 2 });
    const short = { ...settings, steps: 3 };
    const a = ascend(channelObjective(model, 'conv2d_1', MNIST), 4, short, MNIST);
    const b = ascend(channelObjective(model, 'conv2d_1', MNIST), 4, short, MNIST);
    const c = ascend(channelObjective(model, 'conv2d_1', MNIST), 4, { ...short, seed: 4 }, MNIST);
    expect(b.images).toEqual(a.images);
    expect(c.images).not.toEqual(a.images);
  });

  it('computes the conv layer before its ReLU with the layer\'s own weights', () => {
    const model = createModel({ seed: 2 });
    const x = tf.tensor4d(randomImages(2, mulberry32(9)), [2, 28, 28, 1]);
    const sub = tfl.model({ inputs: model.inputs, outputs: model.getLayer('conv2d_1').output as tfl.SymbolicTensor });
    const relu = tf.relu(preActivation(model, x, 'conv2d_1')).dataSync();
    const out = (sub.predict(x) as tf.Tensor).dataSync();
    out.forEach((v, i) => expect(relu[i]).toBeCloseTo(v, 5));
    expect(() => preActivation(model, x, 'dropout')).toThrow(/dropout is a Dropout, not a Conv2D/);
  });

  it('refuses settings it cannot follow', () => {
    expect(() => ascend(channelObjective(signModel(), 'conv', MNIST), 2, { ...settings, steps: 2.5 }, MNIST)).toThrow(/invalid settings/);
    expect(() => ascend(channelObjective(signModel(), 'conv', MNIST), 2, { ...settings, stepSize: -1 }, MNIST)).toThrow(/stepSize=-1/);
  });
});
