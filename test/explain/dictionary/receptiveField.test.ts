import '@tensorflow/tfjs-backend-cpu';
import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { describe, expect, it } from 'vitest';
import { fieldBox, modelGeometry, receptiveField } from '../../../pipeline/explain/dictionary/receptiveField';
import { createModel } from '../../../pipeline/model/createModel';

describe('receptive field', () => {
  it('grows by (kernel − 1) × jump per layer and multiplies the jump by the stride', () => {
    const conv = { kernel: 3, stride: 1, padding: 'valid' } as const;
    const pool = { kernel: 2, stride: 2, padding: 'valid' } as const;
    expect(receptiveField([conv], 28)).toMatchObject({ size: 3, jump: 1, offset: 0, outputSize: 26 });
    expect(receptiveField([conv, pool, conv], 28)).toMatchObject({ size: 8, jump: 2, offset: 0, outputSize: 11 });
    expect(receptiveField([conv, pool, conv, pool, conv], 28)).toMatchObject({ size: 18, jump: 4, offset: 0, outputSize: 3 });
  });

  it('reads the article model\'s own layers, skipping dropout', () => {
    const model = createModel({ seed: 1 });
    expect(modelGeometry(model, 'conv2d_1')).toEqual([
      { kernel: 3, stride: 1, padding: 'valid' },
      { kernel: 2, stride: 2, padding: 'valid' },
      { kernel: 3, stride: 1, padding: 'valid' },
    ]);
    expect(() => modelGeometry(model, 'conv9')).toThrow(/no layer "conv9"/);
  });

  it('boxes the pixels a position sees, clipped to the input', () => {
    const field = receptiveField([{ kernel: 3, stride: 1, padding: 'valid' }, { kernel: 2, stride: 2, padding: 'valid' }, { kernel: 3, stride: 1, padding: 'valid' }], 28);
    expect(fieldBox(field, 0, 0)).toEqual([0, 0, 7, 7]);
    expect(fieldBox(field, 10, 3)).toEqual([6, 20, 13, 27]);
    const same = receptiveField([{ kernel: 5, stride: 1, padding: 'same' }], 28);
    expect(same).toMatchObject({ size: 5, offset: -2, outputSize: 28 });
    expect(fieldBox(same, 0, 27)).toEqual([25, 0, 27, 2]);
  });

  it('matches the pixels whose gradient reaches a position, on a strided model', () => {
    // Average pooling and ones kernels are linear with positive weights: a pixel is inside the field iff its gradient is non-zero.
    const model = tfl.sequential({
      layers: [
        tfl.layers.conv2d({ filters: 1, kernelSize: 3, inputShape: [12, 12, 1], kernelInitializer: 'ones', name: 'a' }),
        tfl.layers.averagePooling2d({ poolSize: 2 }),
        tfl.layers.conv2d({ filters: 1, kernelSize: 2, strides: 2, kernelInitializer: 'ones', name: 'b' }),
      ],
    });
    const field = receptiveField(modelGeometry(model, 'b'), 12);
    expect(field.outputSize).toBe(2);
    const [y, x] = [1, 0];
    const g = tf.grad((input: tf.Tensor) => tf.sum(tf.slice(model.apply(input) as tf.Tensor4D, [0, y, x, 0], [1, 1, 1, 1])))(tf.ones([1, 12, 12, 1]));
    const values = g.dataSync();
    const inside = [...values.keys()].filter((i) => values[i] !== 0);
    const [x0, y0, x1, y1] = fieldBox(field, y, x);
    const expected = [...values.keys()].filter((i) => Math.floor(i / 12) >= y0 && Math.floor(i / 12) <= y1 && i % 12 >= x0 && i % 12 <= x1);
    expect(inside).toEqual(expected);
    expect(expected.length).toBe(36);
  });
});
