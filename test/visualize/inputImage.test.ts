import { describe, expect, it } from 'vitest';
import { greyLevel, greyPalette, INPUT_SCALE, paintInput } from '../../pipeline/visualize/inputImage';

describe('input images', () => {
  it('maps intensity to an 8-bit grey level, rounded and clamped', () => {
    expect([0, 1, 0.5, 0.2, -0.3, 1.7].map(greyLevel)).toEqual([0, 255, 128, 51, 0, 255]);
  });

  it('has a grey palette whose level k is (k, k, k)', () => {
    const palette = greyPalette();
    expect(palette.length).toBe(768);
    expect(Array.from(palette.subarray(3 * 200, 3 * 201))).toEqual([200, 200, 200]);
  });

  it('upscales each pixel to a scale × scale block of its grey level, opaque', () => {
    const pixels = [0, 1, 0.2, 0.6]; // a 2×2 image
    const { rgba, width, height } = paintInput(pixels, 2, INPUT_SCALE);
    expect([width, height]).toEqual([8, 8]);
    const at = (x: number, y: number) => Array.from(rgba.subarray((y * 8 + x) * 4, (y * 8 + x) * 4 + 4));
    expect(at(0, 0)).toEqual([0, 0, 0, 255]);
    expect(at(7, 3)).toEqual([255, 255, 255, 255]);
    expect(at(3, 4)).toEqual([51, 51, 51, 255]);
    expect(at(4, 7)).toEqual([153, 153, 153, 255]);
  });

  it('refuses pixels that do not fill size × size', () => {
    expect(() => paintInput([0, 1, 0], 2, 1)).toThrow('paintInput: expected 2×2×1 pixel values, got 3');
  });

  it('paints three channels as red, green and blue, channels last', () => {
    const pixels = [1, 0, 0, 0, 0.2, 1]; // 1×2: pure red, then (0, 51, 255)
    const { rgba, width, height } = paintInput(pixels, { height: 1, width: 2, channels: 3 }, 1);
    expect([width, height]).toEqual([2, 1]);
    expect(Array.from(rgba)).toEqual([255, 0, 0, 255, 0, 51, 255, 255]);
  });
});
