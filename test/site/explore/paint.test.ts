// The explorer's input preview: grey inputs as the tutorial's preview drew them, colour inputs in colour.
import { describe, expect, it } from 'vitest';
import { paintTile } from '../../../shared/drawing/paintLayerGrid';
import { inputRgba } from '../../../site/scripts/explore/paint';

describe('inputRgba', () => {
  it('draws a 28×28 grey input exactly as the preview always has (grey levels, nearest neighbour)', () => {
    const input = Float32Array.from({ length: 784 }, (_, i) => (i % 29) / 28);
    const grey = Uint8Array.from({ length: 256 * 3 }, (_, i) => Math.floor(i / 3));
    const before = new Uint8ClampedArray(112 * 112 * 4);
    paintTile(before, 112, 0, 0, Uint8Array.from(input, (v) => Math.round(Math.min(1, Math.max(0, v)) * 255)), 28, 28, 4, grey);
    expect(inputRgba(input, { height: 28, width: 28, channels: 1 }, 4)).toEqual(before);
  });

  it('draws a colour input in its colours, each pixel scale × scale', () => {
    const rgba = inputRgba(Float32Array.of(1, 0, 0, 0, 0.5, 1), { height: 1, width: 2, channels: 3 }, 2);
    const pixel = (x: number, y: number) => Array.from(rgba.subarray((y * 4 + x) * 4, (y * 4 + x) * 4 + 4));
    expect(pixel(0, 0)).toEqual([255, 0, 0, 255]);
    expect(pixel(1, 1)).toEqual([255, 0, 0, 255]);
    expect(pixel(2, 0)).toEqual([0, 128, 255, 255]);
    expect(pixel(3, 1)).toEqual([0, 128, 255, 255]);
  });

  it('draws an empty input black, at the model’s size', () => {
    const rgba = inputRgba(null, { height: 2, width: 3, channels: 3 }, 1);
    expect(rgba).toHaveLength(2 * 3 * 4);
    expect(rgba.filter((_, i) => i % 4 !== 3).every((v) => v === 0)).toBe(true);
  });
});
