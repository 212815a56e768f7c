import { describe, expect, it } from 'vitest';
import type { KerasChain } from '../../../pipeline/model/import/kerasConfig';
import { shapeChain } from '../../../pipeline/model/import/layerShapes';

const chain = (input: number[], layers: [string, object][]): KerasChain => ({
  name: 'm',
  batchInputShape: [null, ...input],
  notes: [],
  layers: layers.map(([className, config], i) => ({ className, name: `l${i}`, config: config as never })),
});

describe('shapeChain', () => {
  it('infers the tutorial-like shapes and weight shapes from the configuration alone', () => {
    const shaped = shapeChain(
      chain([28, 28, 1], [
        ['Conv2D', { filters: 32, kernel_size: [3, 3], padding: 'valid' }],
        ['MaxPooling2D', { pool_size: [2, 2] }],
        ['Conv2D', { filters: 64, kernel_size: 3, padding: 'same', use_bias: false }],
        ['BatchNormalization', { center: true, scale: false }],
        ['ZeroPadding2D', { padding: [[1, 0], [2, 3]] }],
        ['GlobalAveragePooling2D', {}],
        ['Dense', { units: 10 }],
      ]),
      'a.h5',
    );
    expect(shaped.map((l) => l.outputShape)).toEqual([[26, 26, 32], [13, 13, 32], [13, 13, 64], [13, 13, 64], [14, 18, 64], [64], [10]]);
    expect(shaped[0].weights).toEqual([{ role: 'kernel', shape: [3, 3, 1, 32] }, { role: 'bias', shape: [32] }]);
    expect(shaped[2].weights).toEqual([{ role: 'kernel', shape: [3, 3, 32, 64] }]);
    expect(shaped[3].weights.map((w) => w.role)).toEqual(['beta', 'moving_mean', 'moving_variance']);
    expect(shaped[6].weights[0].shape).toEqual([64, 10]);
  });

  it('handles strides, same-padded pooling, Flatten and Reshape with -1', () => {
    const shaped = shapeChain(
      chain([7, 7, 2], [
        ['Conv2D', { filters: 1, kernel_size: 3, strides: 2, padding: 'valid' }],
        ['MaxPooling2D', { pool_size: 2, padding: 'same', strides: null }],
        ['Flatten', {}],
        ['Reshape', { target_shape: [2, -1] }],
      ]),
      'a.h5',
    );
    expect(shaped.map((l) => l.outputShape)).toEqual([[3, 3, 1], [2, 2, 1], [4], [2, 2]]);
  });

  it('refuses a layer whose output would be empty, naming it', () => {
    expect(() => shapeChain(chain([4, 4, 1], [['Conv2D', { filters: 1, kernel_size: 5 }]]), 'small.h5')).toThrow(/small\.h5: layer "l0" \(Conv2D\) would output shape \[0, 0, 1\] from input \[4, 4, 1\]/);
  });

  it('refuses a convolution after the maps were flattened', () => {
    expect(() => shapeChain(chain([4, 4, 1], [['Flatten', {}], ['Conv2D', { filters: 1, kernel_size: 1 }]]), 'a.h5')).toThrow(/layer "l1" \(Conv2D\) needs an image input \[height, width, channels\], got \[16\]/);
  });
});
