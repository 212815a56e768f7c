import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
// Gradient definitions (normally pulled in by tfjs-layers).
import '@tensorflow/tfjs-core/dist/register_all_gradients';
import { CONV_BIAS_RELU, convBiasRelu, RELU_GRAD } from '../../../pipeline/backend/onednn/convBiasRelu';
import { ONEDNN_ADVICE, loadOnednn } from '../../../pipeline/backend/onednn/loadOnednn';
import { registerOnednnKernels, unregisterOnednnKernels } from '../../../pipeline/backend/onednn/registerOnednn';
import { selectBackend } from '../../../pipeline/backend/selectBackend';
import { CASES, maxAbsDiff, random, type ConvCase } from '../kernelFixtures';

const loaded = loadOnednn();
const skipped = loaded.ok ? '' : ` — SKIPPED: ${loaded.reason}; ${ONEDNN_ADVICE}`;

/** The cases the kernel takes: TF.js layers pass only 'valid' or 'same' padding to a fused convolution. */
const LAYER_CASES = CASES.filter((c): c is ConvCase & { pad: 'valid' | 'same' } => c.pad === 'valid' || c.pad === 'same');

interface Result {
  y: Float32Array;
  dx: Float32Array;
  dFilter: Float32Array;
  dBias: Float32Array;
}

/**
 * The output and the gradients of Σ(y · w) (w fixed weights, so every output cell's gradient differs)
 * with respect to x, the filter and the bias; `fused` uses our kernel, else the ops a Conv2D layer
 * runs while training (conv2d, add, relu).
 */
function convAndGradients(c: ConvCase & { pad: 'valid' | 'same' }, seed: number, fused: boolean): Result {
  return tf.tidy(() => {
    const x = tf.tensor4d(random(c.x, seed), c.x);
    const filter = tf.tensor4d(random(c.filter, seed + 1), c.filter);
    const bias = tf.tensor1d(random([c.filter[3]], seed + 2));
    const strides: [number, number] = [c.strides, c.strides];
    const apply = (a: tf.Tensor4D, f: tf.Tensor4D, b: tf.Tensor1D) =>
      fused ? convBiasRelu(a, f, b, { strides, pad: c.pad }) : tf.relu(tf.add(tf.conv2d(a, f, strides, c.pad), b)) as tf.Tensor4D;
    const y = apply(x, filter, bias);
    const weights = tf.tensor(random(y.shape, seed + 3), y.shape);
    const [dx, dFilter, dBias] = tf.grads((a: tf.Tensor, f: tf.Tensor, b: tf.Tensor) => tf.sum(tf.mul(apply(a as tf.Tensor4D, f as tf.Tensor4D, b as tf.Tensor1D), weights)))([x, filter, bias]);
    return { y: y.dataSync() as Float32Array, dx: dx.dataSync() as Float32Array, dFilter: dFilter.dataSync() as Float32Array, dBias: dBias.dataSync() as Float32Array };
  });
}

describe.skipIf(!loaded.ok)(`a convolution with bias and ReLU as one training kernel${skipped}`, () => {
  beforeAll(async () => {
    if (!loaded.ok) return;
    await selectBackend('wasm', () => {});
    registerOnednnKernels(loaded.addon);
  });

  for (const [i, c] of LAYER_CASES.entries()) {
    it(`gives the output and gradients of conv2d, add and relu on the same kernels: ${c.name}`, async () => {
      await tf.setBackend('wasm');
      const fused = convAndGradients(c, 40 * i, true);
      const unfused = convAndGradients(c, 40 * i, false);
      // The gradients run the very kernels the unfused ops run, on the masked gradient. The output
      // rounds differently only where oneDNN adds the bias inside the convolution (16 input
      // channels or more, blocked layouts; measured up to 1.9e-6 on outputs of magnitude ~10).
      expect(maxAbsDiff(fused.y, unfused.y)).toBeLessThanOrEqual(1e-5);
      for (const key of ['dx', 'dFilter', 'dBias'] as const) expect(maxAbsDiff(fused[key], unfused[key])).toBeLessThanOrEqual(1e-5);
      // And the cpu backend agrees, to the tolerance of the other kernel tests.
      await tf.setBackend('cpu');
      const cpu = convAndGradients(c, 40 * i, false);
      await tf.setBackend('wasm');
      for (const key of ['y', 'dx', 'dFilter', 'dBias'] as const) expect(maxAbsDiff(fused[key], cpu[key])).toBeLessThanOrEqual(1e-4);
    });
  }

  it('passes no gradient where the output is 0, and all of it where the output is positive', () => {
    const c: ConvCase & { pad: 'valid' } = { name: '', x: [1, 3, 3, 1], filter: [1, 1, 1, 2], strides: 1, pad: 'valid' };
    const [dBias] = tf.tidy(() => {
      const x = tf.tensor4d([-1, 2, -3, 4, -5, 6, -7, 8, 0], c.x);
      const filter = tf.tensor4d([1, -1], c.filter); // channel 0 keeps x, channel 1 negates it
      const bias = tf.tensor1d([0, 0]);
      return tf.grads((b: tf.Tensor) => tf.sum(convBiasRelu(x, filter, b as tf.Tensor1D, { strides: [1, 1], pad: c.pad })))([bias]).map((g) => [...g.dataSync()]);
    });
    // Four cells are positive in each channel (2, 4, 6, 8 and 1, 3, 5, 7); the 0 passes nothing.
    expect(dBias).toEqual([4, 4]);
  });

  const bits = (a: ArrayLike<number>) => [...new Uint32Array(Float32Array.from(a).buffer)];
  /** Outputs of a ReLU (0 where it cut, NaN where its input was NaN) and gradients of every sign, Inf included. */
  const reluCase = () => ({
    y: tf.tensor1d([0, 2.5, 0, NaN, 1e-38, 3, 0, 7]),
    dy: tf.tensor1d([1, -2, -3, 4, 5, Infinity, Infinity, -0]),
  });

  it("computes ReLU's gradient from its output as mul(dy, step(y)) does, bit for bit", () => {
    const { y, dy } = reluCase();
    const native = tf.tidy(() => [...(tf.engine().runKernel(RELU_GRAD, { dy, y }) as tf.Tensor).dataSync()]);
    const stock = tf.tidy(() => [...tf.mul(dy, tf.step(y)).dataSync()]);
    expect(bits(native)).toEqual(bits(stock));
    tf.dispose([y, dy]);
  });

  it("falls back on TF.js's Step and Multiply with an addon built before reluGrad", () => {
    const { reluGrad: _dropped, ...older } = loaded.ok ? loaded.addon : ({} as never);
    unregisterOnednnKernels();
    registerOnednnKernels(older as never);
    try {
      const { y, dy } = reluCase();
      expect(tf.getKernel(RELU_GRAD, 'wasm')).toBeDefined();
      const fallback = tf.tidy(() => [...(tf.engine().runKernel(RELU_GRAD, { dy, y }) as tf.Tensor).dataSync()]);
      expect(bits(fallback)).toEqual(bits(tf.tidy(() => [...tf.mul(dy, tf.step(y)).dataSync()])));
      tf.dispose([y, dy]);
    } finally {
      unregisterOnednnKernels();
      registerOnednnKernels(loaded.ok ? loaded.addon : (null as never));
    }
  });

  it('is a kernel of the oneDNN set, listed with the others', async () => {
    expect(registerOnednnKernels(loaded.ok ? loaded.addon : (null as never))).toEqual(expect.arrayContaining([CONV_BIAS_RELU, RELU_GRAD]));
    expect(tf.getKernel(CONV_BIAS_RELU, 'wasm')).toBeDefined();
    unregisterOnednnKernels();
    expect(tf.getKernel(CONV_BIAS_RELU, 'wasm')).toBeUndefined();
    expect(tf.getKernel(RELU_GRAD, 'wasm')).toBeUndefined();
    registerOnednnKernels(loaded.ok ? loaded.addon : (null as never));
  });
});
