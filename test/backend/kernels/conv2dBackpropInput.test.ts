import { describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import { inputGradPath } from '../../../pipeline/backend/kernels/conv2dBackpropInput';

type Shape4 = [number, number, number, number];
type Pad = 'valid' | 'same' | number | tf.backend_util.ExplicitPadding;
const conv = (x: Shape4, filter: Shape4, strides: number | [number, number], pad: Pad, format: 'channelsLast' | 'channelsFirst' = 'channelsLast') =>
  tf.backend_util.computeConv2DInfo(x, filter, strides, 1, pad, undefined, false, format);
const path = (info: tf.backend_util.Conv2DInfo) => inputGradPath(info, info.outShape);

describe('inputGradPath', () => {
  it('takes the full convolution for stride 1 when dy is about as large as the input', () => {
    expect(path(conv([2, 9, 7, 3], [3, 3, 3, 5], 1, 'same'))).toBe('full-conv'); // borders of kh − 1 = 1
    expect(path(conv([4, 28, 28, 1], [3, 3, 1, 32], 1, 'valid'))).toBe('full-conv'); // no borders, 784 / 676
  });

  it('takes the full convolution when a border is exactly the filter size minus one (3×3, padding 2)', () => {
    expect(path(conv([1, 9, 9, 1], [3, 3, 1, 2], 1, 2))).toBe('full-conv');
  });

  it('takes GEMM + col2im for a stride of 2 even when dy is nearly as large as the input (one row or column)', () => {
    expect(path(conv([1, 1, 8, 1], [1, 3, 1, 1], [2, 1], 'valid'))).toBe('col2im'); // 8 / 6 < 1.6
    expect(path(conv([1, 8, 1, 1], [3, 1, 1, 1], [1, 2], 'valid'))).toBe('col2im');
  });

  it('takes GEMM + col2im when dy is much smaller than the input (5×5 → 3×3)', () => {
    expect(path(conv([3, 5, 5, 4], [3, 3, 4, 6], 1, 'valid'))).toBe('col2im');
  });

  it('takes GEMM + col2im when the waste ratio is exactly 1.6 (8 rows → 5)', () => {
    expect(path(conv([1, 8, 1, 1], [4, 1, 1, 1], 1, 'valid'))).toBe('col2im');
  });

  it('takes GEMM + col2im for a stride of 2 along either axis', () => {
    const paths = [[2, 2], [2, 1], [1, 2]].map((s) => path(conv([2, 9, 9, 3], [3, 3, 3, 4], s as [number, number], 'same')));
    expect(paths).toEqual(['col2im', 'col2im', 'col2im']);
  });

  it('takes GEMM + col2im when a border is wider than the filter minus one', () => {
    expect(path(conv([1, 6, 6, 2], [2, 2, 2, 3], 1, 3))).toBe('col2im'); // every border 3 > 1
    // Only the bottom or only the right border too wide.
    expect(path(conv([1, 6, 6, 2], [2, 2, 2, 3], 1, [[0, 0], [0, 3], [0, 0], [0, 0]]))).toBe('col2im');
    expect(path(conv([1, 6, 6, 2], [2, 2, 2, 3], 1, [[0, 0], [0, 0], [0, 3], [0, 0]]))).toBe('col2im');
  });

  it('takes GEMM + col2im for a negative border', () => {
    const info = conv([2, 9, 7, 3], [3, 3, 3, 5], 1, 'same');
    const top = { ...info, padInfo: { ...info.padInfo, top: -1 } };
    const left = { ...info, padInfo: { ...info.padInfo, left: -1 } };
    expect([path(top), path(left)]).toEqual(['col2im', 'col2im']);
  });

  it('leaves channels-first data, and a dy of the wrong height or width, to the stock kernel', () => {
    const first = conv([2, 3, 7, 6], [3, 3, 3, 4], 1, 'same', 'channelsFirst');
    // Channels-first dy [1, 5, 5, 5]: its axes 1 and 2 happen to equal the output height and width.
    const square = conv([1, 3, 5, 5], [3, 3, 3, 5], 1, 'same', 'channelsFirst');
    const last = conv([2, 7, 6, 3], [3, 3, 3, 4], 1, 'same');
    expect([path(first), path(square), inputGradPath(last, [2, 6, 6, 4]), inputGradPath(last, [2, 7, 5, 4])]).toEqual(['stock', 'stock', 'stock', 'stock']);
  });
});
