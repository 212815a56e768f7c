import '@tensorflow/tfjs-backend-cpu';
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { createModel } from '../../pipeline/model/createModel';
import { summarizeModel } from '../../pipeline/model/summary';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe('createModel', () => {
  it('builds the tutorial network with Keras layer names, shapes and 110,474 parameters', () => {
    const summary = summarizeModel(createModel({ seed: 1 }));
    expect(summary.layers.map((l) => [l.name, l.type, l.outputShape.slice(1).join('x'), l.params])).toEqual([
      ['conv2d', 'Conv2D', '26x26x32', 320],
      ['max_pooling2d', 'MaxPooling2D', '13x13x32', 0],
      ['dropout', 'Dropout', '13x13x32', 0],
      ['conv2d_1', 'Conv2D', '11x11x64', 18496],
      ['max_pooling2d_1', 'MaxPooling2D', '5x5x64', 0],
      ['dropout_1', 'Dropout', '5x5x64', 0],
      ['conv2d_2', 'Conv2D', '3x3x128', 73856],
      ['max_pooling2d_2', 'MaxPooling2D', '1x1x128', 0],
      ['dropout_2', 'Dropout', '1x1x128', 0],
      ['flatten', 'Flatten', '128', 0],
      ['dense', 'Dense', '128', 16512],
      ['dense_1', 'Dense', '10', 1290],
    ]);
    expect(summary.totalParams).toBe(110474);
    expect(summary.trainableParams).toBe(110474);
    expect(summary.nonTrainableParams).toBe(0);
  });

  it('gives the same initial weights for the same seed and different ones for another', () => {
    const first = (seed: number) => createModel({ seed }).getWeights()[0].dataSync().slice(0, 8);
    expect(Array.from(first(7))).toEqual(Array.from(first(7)));
    expect(Array.from(first(7))).not.toEqual(Array.from(first(8)));
  });

  it('outputs ten probabilities that sum to one', () => {
    const out = createModel({ seed: 1 }).predict(tf.zeros([2, 28, 28, 1])) as tf.Tensor;
    expect(out.shape).toEqual([2, 10]);
    const sums = tf.sum(out, 1).dataSync();
    sums.forEach((s) => expect(s).toBeCloseTo(1, 5));
  });
});
