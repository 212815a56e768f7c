import { describe, expect, it } from 'vitest';
import { colourPaperLevel, INK, MAX_OPACITY, mapRange, paintAttribution, paperLevel, rdbuPalette } from '../../pipeline/explain/paintAttribution';

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

  it('draws a colour image beneath the map washed towards white, keeping its hues', () => {
    // 1×2 colour image: a red pixel with no evidence, a black one with the strongest evidence.
    const image = [1, 0, 0, 0, 0, 0];
    const rgba = paintAttribution([0, 1], image, { height: 1, width: 2 }, 1);
    const paleRed = [255, colourPaperLevel(0), colourPaperLevel(0)];
    expect(rgbAt(rgba, 2, 0, 0)).toEqual(paleRed);
    expect(colourPaperLevel(0)).toBe(255 - Math.round(INK * 255));
    const evidence = rgbAt(rgba, 2, 1, 0); // full opacity over dark paper: mostly the palette's dark red
    expect(evidence).toEqual([103, 0, 31].map((c) => Math.round((1 - MAX_OPACITY) * colourPaperLevel(0) + MAX_OPACITY * c)));
  });

  it('refuses an image that is neither grey nor three channels of the map\'s size', () => {
    expect(() => paintAttribution([0, 0], [0, 0, 0, 0], { height: 1, width: 2 }, 1)).toThrow('paintAttribution: expected a 1×2 map and a 1×2 grey or 1×2×3 colour image, got 2 and 4 values');
  });
});
