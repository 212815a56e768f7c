import '@tensorflow/tfjs-backend-cpu';
import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { beforeAll, describe, expect, it } from 'vitest';
import { createModel } from '../../pipeline/model/createModel';
import { applyLogits } from '../../pipeline/model/logits';
import { seedMathRandom } from '../../pipeline/train/random';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

const maxDiff = (a: tf.Tensor, b: tf.Tensor) => tf.tidy(() => tf.max(tf.abs(tf.sub(a, b))).dataSync()[0]);

describe('applyLogits', () => {
  const model = createModel({ seed: 5 });
  const x = tf.randomUniform([3, 28, 28, 1], 0, 1, 'float32', 2);

  it('gives the scores whose softmax is the model\'s prediction', () => {
    const viaLogits = tf.softmax(applyLogits(model, x, false));
    expect(maxDiff(viaLogits, model.predict(x) as tf.Tensor)).toBeLessThan(1e-6);
  });

  it('applies dropout in training mode exactly as model.apply does', () => {
    const restore = seedMathRandom(9);
    const viaLogits = tf.softmax(applyLogits(model, x, true));
    restore();
    const restoreAgain = seedMathRandom(9);
    const viaModel = model.apply(x, { training: true }) as tf.Tensor;
    restoreAgain();
    expect(maxDiff(viaLogits, viaModel)).toBeLessThan(1e-6);
    expect(maxDiff(viaModel, model.predict(x) as tf.Tensor)).toBeGreaterThan(1e-4); // dropout did act
  });

  it('refuses a model whose last layer is not a softmax Dense layer', () => {
    const linear = tfl.sequential({ layers: [tfl.layers.flatten({ inputShape: [28, 28, 1] }), tfl.layers.dense({ units: 10 })] });
    expect(() => applyLogits(linear, x, false)).toThrow(/last layer must be a Dense layer with a softmax/);
  });
});
