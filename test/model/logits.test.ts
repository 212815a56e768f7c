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

  it('takes the outputs of a model without a softmax as its logits', () => {
    const linear = tfl.sequential({ layers: [tfl.layers.flatten({ inputShape: [28, 28, 1] }), tfl.layers.dense({ units: 10 })] });
    expect(maxDiff(applyLogits(linear, x, false), linear.predict(x) as tf.Tensor)).toBeLessThan(1e-6);
  });

  it('reads a separate Softmax layer\'s scores at the Dense before it, and drops the layers after it', () => {
    const logit = tfl.layers.dense({ name: 'scores', units: 4, activation: 'relu' });
    const model = tfl.sequential({ layers: [tfl.layers.flatten({ inputShape: [28, 28, 1] }), logit, tfl.layers.dropout({ rate: 0.5 }), tfl.layers.softmax()] });
    const head = { logitLayer: 'scores', softmax: 'layer' as const };
    const flat = tf.reshape(x, [3, 784]);
    const [kernel] = logit.getWeights();
    // A bias that makes every raw score negative: the Dense's relu would turn them all into 0.
    logit.setWeights([kernel, tf.fill([4], -100)]);
    const expected = tf.add(tf.matMul(flat as tf.Tensor2D, kernel as tf.Tensor2D), -100);
    const scores = applyLogits(model, x, false, head);
    expect(maxDiff(scores, expected)).toBeLessThan(1e-4);
    expect(tf.max(scores).dataSync()[0]).toBeLessThan(0);
  });

  it('refuses a logit layer that is not there or not Dense', () => {
    expect(() => applyLogits(model, x, false, { logitLayer: 'nope', softmax: 'dense' })).toThrow('logits: no layer "nope" in the model; its layers: conv2d,');
    expect(() => applyLogits(model, x, false, { logitLayer: 'conv2d', softmax: 'dense' })).toThrow('logits: the logit layer "conv2d" is a Conv2D, not a Dense layer');
  });
});
