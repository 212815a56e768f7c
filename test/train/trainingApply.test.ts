import { describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { CONV_BIAS_RELU } from '../../pipeline/backend/onednn/convBiasRelu';
import { loadOnednn, type OnednnAddon } from '../../pipeline/backend/onednn/loadOnednn';
import { applyLogits } from '../../pipeline/model/logits';
import { seedMathRandom } from '../../pipeline/train/random';
import { trainingApply } from '../../pipeline/train/trainingApply';
import { maxAbsDiff } from '../backend/kernelFixtures';
import { withBackend } from './withBackend';

const loaded = loadOnednn();
const skipped = loaded.ok ? '' : ` — SKIPPED: ${loaded.reason}`;

describe.skipIf(!loaded.ok)(`the training step's layer application${skipped}`, () => {
  withBackend('wasm+onednn');

  it('fuses the convolution and draws the dropout mask natively, with the logits and gradients of the layers themselves', async () => {
    const m = tfl.sequential();
    m.add(tfl.layers.conv2d({ inputShape: [8, 8, 1], filters: 4, kernelSize: 3, activation: 'relu' }));
    m.add(tfl.layers.dropout({ rate: 0.4 }));
    m.add(tfl.layers.flatten());
    m.add(tfl.layers.dense({ units: 3, activation: 'softmax' }));
    const run = async (addon: OnednnAddon | null) => {
      const restore = seedMathRandom(9);
      let values: number[][] = [];
      const info = await tf.profile(() => {
        const x = tf.tensor4d(Array.from({ length: 2 * 64 }, (_, i) => Math.cos(i)), [2, 8, 8, 1]);
        const { value, grads } = tf.variableGrads(() => tf.sum(applyLogits(m, x, true, undefined, addon ? trainingApply(addon) : undefined)) as tf.Scalar);
        values = [value, ...Object.values(grads)].map((t) => [...t.dataSync()]);
        tf.dispose([x, value, ...Object.values(grads)]);
      });
      restore();
      return { values, kernels: info.kernels.map((k) => k.name) };
    };
    const ours = await run(loaded.ok ? loaded.addon : null);
    const stock = await run(null);
    expect(ours.kernels).toContain(CONV_BIAS_RELU);
    // tf.dropout floors its uniform numbers in a Floor kernel; the native mask is made whole in the addon.
    expect(ours.kernels.filter((k) => k === 'Floor').length).toBeLessThan(stock.kernels.filter((k) => k === 'Floor').length);
    ours.values.forEach((v, i) => expect(maxAbsDiff(v, stock.values[i])).toBeLessThanOrEqual(1e-5));
  });
});
