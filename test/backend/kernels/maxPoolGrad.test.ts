import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import { selectBackend } from '../../../pipeline/backend/selectBackend';
import { isTiled2x2 } from '../../../pipeline/backend/kernels/maxPoolGrad';
import { run } from '../kernelFixtures';

type Shape4 = [number, number, number, number];
const pool = (x: Shape4, size: number | [number, number], strides: number | [number, number], pad: 'valid' | 'same' | number) =>
  tf.backend_util.computePool2DInfo(x, size, strides, 1, pad);

describe('isTiled2x2', () => {
  it("recognises the model's pool: 2×2 windows, stride 2, no padding, nothing left over", () => {
    expect(isTiled2x2(pool([2, 4, 6, 3], 2, 2, 'valid'))).toBe(true);
    expect(isTiled2x2(pool([2, 5, 5, 3], 2, 2, 'valid'))).toBe(true); // the last row and column are never read
  });

  it('rejects other window sizes and strides', () => {
    const others = [pool([1, 6, 6, 1], 3, 3, 'valid'), pool([1, 6, 6, 1], [2, 3], [2, 3], 'valid'), pool([1, 6, 6, 1], [3, 2], [3, 2], 'valid'),
      pool([1, 6, 6, 1], 2, 1, 'valid'), pool([1, 6, 6, 1], 2, [1, 2], 'valid'), pool([1, 6, 6, 1], 2, [2, 1], 'valid'),
      pool([1, 6, 6, 1], 2, [3, 2], 'valid'), pool([1, 6, 6, 1], 2, [2, 3], 'valid')]; // 2×2 windows, a stride of 3
    expect(others.map(isTiled2x2)).toEqual([false, false, false, false, false, false, false, false]);
  });

  it('rejects windows that hang over the bottom or the right edge (same padding on an odd size)', () => {
    expect([pool([1, 5, 4, 1], 2, 2, 'same'), pool([1, 4, 5, 1], 2, 2, 'same')].map(isTiled2x2)).toEqual([false, false]);
  });

  it('rejects a top or a left padding', () => {
    const info = pool([1, 4, 4, 1], 2, 2, 'valid');
    const top = { ...info, padInfo: { ...info.padInfo, top: 1 } };
    const left = { ...info, padInfo: { ...info.padInfo, left: 1 } };
    expect([isTiled2x2(top), isTiled2x2(left)]).toEqual([false, false]);
  });
});

describe('MaxPoolGrad on the wasm backend', () => {
  beforeAll(async () => {
    await selectBackend('wasm', () => {});
  });

  const grad = async (backend: string, x: number[], shape: Shape4, size: number, strides: number) => {
    const info = pool(shape, size, strides, 'valid');
    const dy = info.outShape.reduce((a, b) => a * b, 1);
    const inputs = {
      dy: [Float32Array.from({ length: dy }, (_, i) => i + 1), info.outShape] as [Float32Array, number[]],
      input: [Float32Array.from(x), shape] as [Float32Array, number[]],
      output: [new Float32Array(dy), info.outShape] as [Float32Array, number[]],
    };
    return Array.from((await run(backend, 'MaxPoolGrad', inputs, { filterSize: size, strides, pad: 'valid' })).values);
  };

  it('sends the gradient to the very first element when it is the maximum (2×2 tiled path)', async () => {
    expect(await grad('wasm', [5, 1, 2, 3], [1, 2, 2, 1], 2, 2)).toEqual([1, 0, 0, 0]);
  });

  it('sends no gradient from a window of NaNs or of −∞, as the cpu backend', async () => {
    const nan = [NaN, NaN, NaN, NaN, NaN, NaN, NaN, NaN, NaN];
    const minusInf = nan.map(() => -Infinity);
    for (const [x, shape, size] of [[nan.slice(0, 4), [1, 2, 2, 1], 2], [minusInf.slice(0, 4), [1, 2, 2, 1], 2], [nan, [1, 3, 3, 1], 3], [minusInf, [1, 3, 3, 1], 3]] as [number[], Shape4, number][]) {
      const cpu = await grad('cpu', x, shape, size, size);
      expect(cpu.every((v) => v === 0)).toBe(true);
      expect(await grad('wasm', x, shape, size, size)).toEqual(cpu);
    }
  });
});
