import { describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import { selectBackend } from '../../../pipeline/backend/selectBackend';
import { channelSumShape, sumRows } from '../../../pipeline/backend/kernels/channelSum';
import { run } from '../kernelFixtures';

const info = (shape: number[], dtype: tf.DataType = 'float32') => ({ dataId: {}, shape, dtype });

describe('channelSumShape', () => {
  it('gives the channel count for sums over every axis but the last, with and without kept dimensions', () => {
    expect(channelSumShape(info([4, 6, 5, 7]), { axis: [2, 0, 1], keepDims: false })).toEqual([7]);
    expect(channelSumShape(info([4, 6, 5, 7]), { axis: [0, 1, 2], keepDims: true })).toEqual([1, 1, 1, 7]);
    expect(channelSumShape(info([9, 10]), { axis: -2, keepDims: false })).toEqual([10]);
  });

  it('leaves integer data, vectors, and sums that include or skip other axes to the stock kernel', () => {
    expect(channelSumShape(info([9, 10], 'int32'), { axis: 0, keepDims: false })).toBeNull();
    expect(channelSumShape(info([5]), { axis: [], keepDims: false })).toBeNull();
    expect(channelSumShape(info([3, 4, 5]), { axis: [1], keepDims: false })).toBeNull();
    expect(channelSumShape(info([3, 4, 5]), { axis: [1, 2], keepDims: false })).toBeNull();
    expect(channelSumShape(info([3, 4, 5]), { axis: [0, 1, 2], keepDims: false })).toBeNull();
  });
});

describe('sumRows', () => {
  it('adds the rows of a matrix column by column, whatever the channel count modulo 4', () => {
    expect(Array.from(sumRows(Float32Array.from([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]), 6))).toEqual([8, 10, 12, 14, 16, 18]);
    expect(Array.from(sumRows(new Float32Array(0), 0))).toEqual([]);
  });
});

describe('Sum on the wasm backend', () => {
  it('adds bias gradients in double precision, as the cpu backend (1e8 + 1 − 1e8 = 1)', async () => {
    await selectBackend('wasm', () => {});
    for (const shape of [[3, 2], [3, 1, 2]]) {
      const x: [Float32Array, number[]] = [Float32Array.from([1e8, 3, 1, 1, -1e8, 2]), shape];
      const axis = shape.slice(0, -1).map((_, i) => i);
      const [cpu, wasm] = [await run('cpu', 'Sum', { x }, { axis, keepDims: false }), await run('wasm', 'Sum', { x }, { axis, keepDims: false })];
      expect(Array.from(wasm.values)).toEqual([1, 6]);
      expect(Array.from(wasm.values)).toEqual(Array.from(cpu.values));
    }
  });
});
