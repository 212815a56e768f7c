import { describe, expect, it } from 'vitest';
import { paintRgbKernel, paintStrip } from '../../../pipeline/explain/dictionary/renderDictionary';

describe('dictionary pictures', () => {
  it('draws a colour kernel as RGB on the shared range, zero as mid grey', () => {
    // 2×2 kernel, channels last: top-left weighs red up, bottom-right blue down, the rest zero.
    const values = [0.5, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, -1];
    const { rgba, width } = paintRgbKernel(values, 1, 2);
    expect(width).toBe(4);
    const at = (x: number, y: number) => Array.from(rgba.subarray((y * 4 + x) * 4, (y * 4 + x) * 4 + 4));
    expect(at(1, 1)).toEqual([Math.round(128 + 0.5 * 127), 128, 128, 255]);
    expect(at(2, 0)).toEqual([128, 128, 128, 255]);
    expect(at(3, 3)).toEqual([128, 128, 1, 255]);
  });

  it('refuses weights that are not a square of three channels', () => {
    expect(() => paintRgbKernel([0, 0, 0, 0], 1, 1)).toThrow('paintRgbKernel: 4 weights do not make a square kernel of three channels');
  });

  it('keeps the colours of a colour image in an example strip', () => {
    const input = { height: 2, width: 2, channels: 3, scale: 'unit' as const };
    const images = Float32Array.from({ length: 12 }, (_, i) => (i % 3 === 1 ? 1 : 0)); // all green
    const strip = paintStrip(images, [{ index: 0, value: 1, box: [0, 0, 0, 0] }], 2, input);
    expect(Array.from(strip.rgba.subarray((1 * strip.width + 3) * 4, (1 * strip.width + 3) * 4 + 4))).toEqual([0, 255, 0, 255]);
  });
});
