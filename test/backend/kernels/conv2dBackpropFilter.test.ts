import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import { selectBackend } from '../../../pipeline/backend/selectBackend';
import { filterGradDirect, filterGradPath } from '../../../pipeline/backend/kernels/conv2dBackpropFilter';
import type { WasmBackendLike } from '../../../pipeline/backend/kernels/wasmKernelCall';
import { maxAbsDiff, outSize, random, run, type ConvCase } from '../kernelFixtures';

type Shape4 = [number, number, number, number];
const conv = (x: Shape4, filter: Shape4, strides: number, pad: 'valid' | 'same' | number, format: 'channelsLast' | 'channelsFirst' = 'channelsLast') =>
  tf.backend_util.computeConv2DInfo(x, filter, strides, 1, pad, undefined, false, format);
const dyOf = (info: tf.backend_util.Conv2DInfo) => info.outShape;

describe('filterGradPath', () => {
  it('takes the GEMM when there are fewer taps than output channels (3×3×1 → 16)', () => {
    const info = conv([2, 7, 6, 1], [3, 3, 1, 16], 1, 'valid');
    expect(filterGradPath(info, dyOf(info))).toBe('gemm');
  });

  it('takes the forward convolution when taps equal or outnumber the output channels', () => {
    const equal = conv([2, 7, 6, 1], [3, 3, 1, 9], 1, 'valid');
    const moreTaps = conv([2, 7, 6, 2], [3, 3, 2, 16], 1, 'same'); // 18 taps, 16 channels
    expect([filterGradPath(equal, dyOf(equal)), filterGradPath(moreTaps, dyOf(moreTaps))]).toEqual(['forward-conv', 'forward-conv']);
  });

  it('sends channels-first data to the direct loop', () => {
    const info = conv([2, 3, 7, 6], [3, 3, 3, 4], 1, 'same', 'channelsFirst');
    // Channels-first dy [1, 5, 5, 5]: its axes 1 and 2 happen to equal the output height and width.
    const square = conv([1, 3, 5, 5], [3, 3, 3, 5], 1, 'same', 'channelsFirst');
    expect([filterGradPath(info, dyOf(info)), filterGradPath(square, dyOf(square))]).toEqual(['direct', 'direct']);
  });

  it('sends a dy whose height or width does not match the convolution to the direct loop', () => {
    const info = conv([2, 7, 6, 1], [3, 3, 1, 16], 1, 'valid'); // dy 5×4
    expect([filterGradPath(info, [2, 4, 4, 16]), filterGradPath(info, [2, 5, 3, 16])]).toEqual(['direct', 'direct']);
  });

  it('sends a negative top or left padding to the direct loop', () => {
    const info = conv([2, 7, 6, 1], [3, 3, 1, 16], 1, 'valid');
    const top = { ...info, padInfo: { ...info.padInfo, top: -1 } };
    const left = { ...info, padInfo: { ...info.padInfo, left: -1 } };
    expect([filterGradPath(top, dyOf(info)), filterGradPath(left, dyOf(info))]).toEqual(['direct', 'direct']);
  });
});

describe('filterGradDirect on the wasm backend', () => {
  beforeAll(async () => {
    await selectBackend('wasm', () => {});
  });

  // Channels-last, stride 2 and padding: cases the kernel itself only sends to the fast paths.
  const cases: ConvCase[] = [
    { name: 'same padding, stride 2, several channels', x: [2, 7, 8, 3], filter: [3, 3, 3, 4], strides: 2, pad: 'same' },
    { name: 'valid padding, stride 1, a 2×3 filter', x: [1, 5, 6, 2], filter: [2, 3, 2, 3], strides: 1, pad: 'valid' },
  ];
  for (const [i, c] of cases.entries()) {
    it(`computes the filter gradient of channels-last data like the cpu backend: ${c.name}`, async () => {
      const dyShape = outSize(c);
      const x = random(c.x, 700 + i);
      const dy = random(dyShape, 710 + i);
      const cpu = await run('cpu', 'Conv2DBackpropFilter', { x: [x, c.x], dy: [dy, dyShape] }, { strides: c.strides, pad: c.pad, dataFormat: 'NHWC', filterShape: c.filter });
      await tf.setBackend('wasm');
      const backend = tf.backend() as unknown as WasmBackendLike & { readSync(id: tf.DataId): Float32Array };
      const [xt, dyt] = [tf.tensor(x, c.x), tf.tensor(dy, dyShape)];
      const info = tf.backend_util.computeConv2DInfo(c.x, c.filter, c.strides, 1, c.pad);
      const dw = filterGradDirect(xt, dyt, info, backend);
      const values = Float32Array.from(backend.readSync(dw.dataId));
      backend.disposeData(dw.dataId);
      tf.dispose([xt, dyt]);
      expect(dw.shape).toEqual(c.filter);
      expect(values.length).toBe(cpu.values.length);
      expect(maxAbsDiff(values, cpu.values)).toBeLessThanOrEqual(1e-4);
    });
  }
});

describe('the forward-convolution filter gradient', () => {
  it('slices off surplus columns when only the width has a leftover (valid padding, stride 2)', async () => {
    await selectBackend('wasm', () => {});
    const c: ConvCase = { name: 'leftover column', x: [2, 9, 10, 2], filter: [3, 3, 2, 4], strides: 2, pad: 'valid' };
    const dyShape = outSize(c);
    const inputs = { x: [random(c.x, 720), c.x] as [Float32Array, number[]], dy: [random(dyShape, 721), dyShape] as [Float32Array, number[]] };
    const attrs = { strides: c.strides, pad: c.pad, dataFormat: 'NHWC', filterShape: c.filter };
    expect(filterGradPath(tf.backend_util.computeConv2DInfo(c.x, c.filter, 2, 1, 'valid'), dyShape)).toBe('forward-conv');
    const cpu = await run('cpu', 'Conv2DBackpropFilter', inputs, attrs);
    const wasm = await run('wasm', 'Conv2DBackpropFilter', inputs, attrs);
    expect(wasm.shape).toEqual(c.filter);
    expect(maxAbsDiff(wasm.values, cpu.values)).toBeLessThanOrEqual(1e-4);
  });
});
