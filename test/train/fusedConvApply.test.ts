import { describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import * as tfl from '@tensorflow/tfjs-layers';
import { CONV_BIAS_RELU } from '../../pipeline/backend/onednn/convBiasRelu';
import { loadOnednn } from '../../pipeline/backend/onednn/loadOnednn';
import { applyLogits, type ApplyLayer } from '../../pipeline/model/logits';
import { fusableGeometry, fusedConvApply } from '../../pipeline/train/fusedConvApply';
import { maxAbsDiff } from '../backend/kernelFixtures';
import { withBackend } from './withBackend';

const loaded = loadOnednn();
const skipped = loaded.ok ? '' : ` — SKIPPED: ${loaded.reason}`;

const itself: ApplyLayer = (layer, h, training) => layer.apply(h, { training }) as tf.Tensor;

/** Convolutions the kernel takes (the first two) and ones it must leave to the layer. */
function model(): tfl.LayersModel {
  const m = tfl.sequential();
  m.add(tfl.layers.conv2d({ inputShape: [9, 8, 2], filters: 4, kernelSize: 3, activation: 'relu', biasInitializer: 'randomNormal' }));
  m.add(tfl.layers.conv2d({ filters: 5, kernelSize: 3, strides: 2, padding: 'same', activation: 'relu', biasInitializer: 'randomNormal' }));
  m.add(tfl.layers.conv2d({ filters: 3, kernelSize: 2, activation: 'tanh' }));
  m.add(tfl.layers.conv2d({ filters: 3, kernelSize: 1, activation: 'relu', useBias: false }));
  m.add(tfl.layers.flatten());
  m.add(tfl.layers.dense({ units: 3, activation: 'softmax' }));
  return m;
}

/** The logits' sum and every weight's gradient, and the kernels the step ran. */
async function gradients(m: tfl.LayersModel, apply: ApplyLayer) {
  const x = tf.tensor4d(Array.from({ length: 2 * 9 * 8 * 2 }, (_, i) => Math.sin(i)), [2, 9, 8, 2]);
  let values: number[][] = [];
  const info = await tf.profile(() => {
    const { value, grads } = tf.variableGrads(() => tf.sum(applyLogits(m, x, true, undefined, apply)) as tf.Scalar);
    values = [value, ...Object.values(grads)].map((t) => [...t.dataSync()]);
    tf.dispose([value, ...Object.values(grads)]);
  });
  x.dispose();
  return { values, kernels: info.kernels.map((k) => k.name) };
}

describe('fusableGeometry', () => {
  const relu = { activation: 'relu', useBias: true, dataFormat: 'channelsLast', dilationRate: [1, 1], strides: [1, 1], padding: 'valid' };

  it("takes a ReLU layer with a bias, channels last and no dilation, with the layer's strides and padding", () => {
    expect(fusableGeometry(relu)).toEqual({ strides: [1, 1], pad: 'valid' });
    expect(fusableGeometry({ ...relu, strides: [2, 3], padding: 'same' })).toEqual({ strides: [2, 3], pad: 'same' });
    // Sizes given as one number, and a config that leaves the data format and dilation to their defaults.
    expect(fusableGeometry({ ...relu, strides: 2, dilationRate: 1 })).toEqual({ strides: [2, 2], pad: 'valid' });
    expect(fusableGeometry({ ...relu, strides: [3], dataFormat: undefined, dilationRate: undefined, useBias: undefined })).toEqual({ strides: [3, 3], pad: 'valid' });
    expect(fusableGeometry({ ...relu, strides: undefined })).toEqual({ strides: [1, 1], pad: 'valid' });
  });

  const refused: [string, object][] = [
    ['another activation', { activation: 'linear' }],
    ['no bias', { useBias: false }],
    ['channels first', { dataFormat: 'channelsFirst' }],
    ['an activity regularizer (applied by the layer itself)', { activityRegularizer: { className: 'L1L2', config: {} } }],
    ['a dilation in one direction', { dilationRate: [1, 2] }],
    ['a dilation given as one number', { dilationRate: 2 }],
    ['causal padding', { padding: 'causal' }],
  ];
  for (const [what, change] of refused) {
    it(`leaves a layer with ${what} to the layer`, () => {
      expect(fusableGeometry({ ...relu, ...change })).toBeNull();
    });
  }
});

describe.skipIf(!loaded.ok)(`Conv2D layers through the fused training kernel${skipped}`, () => {
  withBackend('wasm+onednn');

  it('gives the logits and gradients the layers themselves give, running the kernel for ReLU layers with a bias only', async () => {
    const m = model();
    const fused = await gradients(m, fusedConvApply(itself));
    const stock = await gradients(m, itself);
    expect(fused.kernels.filter((k) => k === CONV_BIAS_RELU)).toHaveLength(2);
    expect(stock.kernels).not.toContain(CONV_BIAS_RELU);
    // Two layers fewer run Add and Relu forward (the dense layer keeps its own).
    expect(fused.kernels.filter((k) => k === 'Relu').length).toBe(stock.kernels.filter((k) => k === 'Relu').length - 2);
    expect(fused.values).toHaveLength(stock.values.length);
    fused.values.forEach((v, i) => expect(maxAbsDiff(v, stock.values[i])).toBeLessThanOrEqual(1e-5));
  });

  it('leaves a dilated convolution to the layer (TF.js has no gradient for it, and the kernel no dilation)', async () => {
    const m = tfl.sequential();
    m.add(tfl.layers.conv2d({ inputShape: [9, 8, 2], filters: 2, kernelSize: 2, activation: 'relu', dilationRate: 2, padding: 'same' }));
    const x = tf.ones([1, 9, 8, 2]);
    const run = async (apply: ApplyLayer) => {
      let out: number[] = [];
      const info = await tf.profile(() => {
        out = tf.tidy(() => [...apply(m.layers[0], x, true).dataSync()]);
      });
      return { out, kernels: info.kernels.map((k) => k.name) };
    };
    const fused = await run(fusedConvApply(itself));
    expect(fused.kernels).not.toContain(CONV_BIAS_RELU);
    expect(fused.out).toEqual((await run(itself)).out);
    x.dispose();
  });

  it('leaves a layer not built yet, and a non-float input, to the layer', () => {
    const layer = tfl.layers.conv2d({ filters: 2, kernelSize: 2, activation: 'relu' });
    const calls: string[] = [];
    const spy: ApplyLayer = (l, h, training) => (calls.push(h.dtype), itself(l, h, training));
    const apply = fusedConvApply(spy);
    tf.tidy(() => {
      apply(layer, tf.ones([1, 4, 4, 1]), true); // builds the layer
      apply(layer, tf.ones([1, 4, 4, 1]), true);
      expect(() => apply(layer, tf.ones([1, 4, 4, 1], 'int32'), true)).toThrow();
    });
    expect(calls).toEqual(['float32', 'int32']);
  });

  it('leaves every layer to itself where the kernel is not registered (the cpu backend)', async () => {
    await tf.setBackend('cpu');
    try {
      const m = model();
      const fused = await gradients(m, fusedConvApply(itself));
      expect(fused.kernels).not.toContain(CONV_BIAS_RELU);
      expect(fused.values).toEqual((await gradients(m, itself)).values);
    } finally {
      await tf.setBackend('wasm');
    }
  });
});
