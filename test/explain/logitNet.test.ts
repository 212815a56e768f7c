import '@tensorflow/tfjs-backend-cpu';
import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { beforeAll, describe, expect, it } from 'vitest';
import { createLogitNet, imagesTensor } from '../../pipeline/explain/logitNet';
import { createModel } from '../../pipeline/model/createModel';
import { mulberry32 } from '../../pipeline/train/random';
import { randomImages } from './tinyModels';
import { TUTORIAL_DESCRIPTION } from '../model/tutorialDescription';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe('logit net', () => {
  const model = createModel({ seed: 3 });
  const net = createLogitNet(model);
  const x = imagesTensor(randomImages(3, mulberry32(1)), 3, TUTORIAL_DESCRIPTION.input);

  it('gives the scores whose softmax is the model\'s output', () => {
    const fromLogits = tf.softmax(net.logits(x)).arraySync() as number[][];
    const fromModel = (model.predict(x) as tf.Tensor).arraySync() as number[][];
    fromLogits.flat().forEach((p, i) => expect(p).toBeCloseTo(fromModel.flat()[i], 5));
  });

  it('splits at a layer and reads the same scores from there', () => {
    const whole = net.logits(x).arraySync() as number[][];
    const split = net.from(net.upTo(x, 'conv2d_2'), 'conv2d_2').arraySync() as number[][];
    split.flat().forEach((z, i) => expect(z).toBeCloseTo(whole.flat()[i], 4));
  });

  it('shares the read-out\'s weights: changing them changes the scores', () => {
    const other = createModel({ seed: 3 });
    const otherNet = createLogitNet(other);
    const before = otherNet.logits(x).dataSync()[0];
    const [kernel, bias] = other.getLayer('dense_1').getWeights();
    other.getLayer('dense_1').setWeights([kernel, tf.add(bias, 1)]);
    expect(otherNet.logits(x).dataSync()[0]).toBeCloseTo(before + 1, 4);
  });

  it('refuses a model that does not end in a Dense layer', () => {
    const flat = tfl.sequential({ layers: [tfl.layers.flatten({ inputShape: [28, 28, 1], name: 'flatten' })] });
    expect(() => createLogitNet(flat)).toThrow(/last layer must be Dense \(it is flatten, Flatten\)/);
  });
});
