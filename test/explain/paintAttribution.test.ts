import { describe, expect, it } from 'vitest';
import { MAX_OPACITY, mapRange, paintAttribution, paperLevel, rdbuPalette } from '../../pipeline/explain/paintAttribution';

const rgbAt = (rgba: Uint8ClampedArray, width: number, x: number, y: number) => Array.from(rgba.subarray((y * width + x) * 4, (y * width + x) * 4 + 3));

describe('attribution overlay', () => {
  it('uses RdBu: the most positive level is its dark red, the most negative its dark blue, the middle near white', () => {
    const p = rdbuPalette();
    expect(Array.from(p.subarray(255 * 3, 256 * 3))).toEqual([103, 0, 31]);
    expect(Array.from(p.subarray(0, 3))).toEqual([5, 48, 97]);
    expect(Math.min(...p.subarray(128 * 3, 129 * 3))).toBeGreaterThan(235);
  });

  it('leaves the digit as grey ink on white where the map is zero, and colours the strongest pixel most', () => {
    const size = 2;
    const digit = [0, 1, 0, 1];
    const map = [0, 0, 2, -1];
    const rgba = paintAttribution(map, digit, size, 3);
    expect(rgbAt(rgba, 6, 0, 0)).toEqual([255, 255, 255]); // paper, no evidence
    expect(rgbAt(rgba, 6, 3, 0)).toEqual([paperLevel(1), paperLevel(1), paperLevel(1)]); // ink, no evidence
    const red = rgbAt(rgba, 6, 0, 3); // +2, the largest magnitude: full opacity over white paper
    expect(red).toEqual([103, 0, 31].map((c) => Math.round((1 - MAX_OPACITY) * 255 + MAX_OPACITY * c)));
    const blue = rgbAt(rgba, 6, 5, 5); // −1: half strength, blue over ink
    expect(blue[2]).toBeGreaterThan(blue[0]);
  });

  it('summarises a map by its range and sum', () => {
    expect(mapRange([1, -3, 2])).toEqual({ min: -3, max: 2, maxAbs: 3, sum: 0 });
  });
});
