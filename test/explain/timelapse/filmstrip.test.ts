import { describe, expect, it } from 'vitest';
import { composeRows, keyEpochs, type Picture } from '../../../pipeline/explain/timelapse/filmstrip';

const solid = (width: number, height: number, v: number): Picture => ({ rgba: new Uint8ClampedArray(width * height * 4).fill(v), width, height });

describe('keyEpochs', () => {
  it('takes the start, the first epoch, the kept one and the last, each once and in order', () => {
    expect(keyEpochs([0, 1, 2, 3, 4, 5, 6], 4)).toEqual([0, 1, 4, 6]);
    expect(keyEpochs([0, 1, 2], 2)).toEqual([0, 1, 2]);
    expect(keyEpochs([0, 1], 1)).toEqual([0, 1]);
    expect(keyEpochs([0], 0)).toEqual([0]);
  });
});

describe('composeRows', () => {
  it('places each picture at its row and column with white gaps between them', () => {
    const { rgba, width, height } = composeRows([[solid(2, 1, 10), solid(3, 2, 20)], [solid(1, 1, 30)]], 1);
    expect([width, height]).toEqual([6, 4]);
    const at = (x: number, y: number) => rgba[(y * width + x) * 4];
    expect([at(0, 0), at(1, 0), at(2, 0), at(3, 0), at(5, 1)]).toEqual([10, 10, 255, 20, 20]);
    expect([at(0, 1), at(0, 2), at(0, 3), at(1, 3)]).toEqual([255, 255, 30, 255]);
  });
});
