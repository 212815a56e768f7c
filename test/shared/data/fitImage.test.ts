import { describe, expect, it } from 'vitest';
import { centreCrop, fitImage, isGreyscale, type RgbaPicture } from '../../../shared/data/fitImage';

/** A picture from rows of [r, g, b, a] pixels. */
const picture = (rows: number[][][]): RgbaPicture => ({ data: Uint8ClampedArray.from(rows.flat(2)), width: rows[0].length, height: rows.length });
const grey = (v: number, a = 255) => [v, v, v, a];

describe('centreCrop', () => {
  it('keeps the middle square of a wide picture and of a tall one', () => {
    expect(centreCrop(40, 10, { width: 1, height: 1 })).toEqual({ x: 15, y: 0, w: 10, h: 10 });
    expect(centreCrop(10, 30, { width: 1, height: 1 })).toEqual({ x: 0, y: 10, w: 10, h: 10 });
    expect(centreCrop(30, 30, { width: 2, height: 1 })).toEqual({ x: 0, y: 7.5, w: 30, h: 15 });
  });
});

describe('fitImage', () => {
  it('averages areas exactly, including fractional overlaps', () => {
    // 3×3 → 2×2: each output pixel covers 1.5×1.5 source pixels (weights 1, 0.5, 0.5, 0.25).
    const p = picture([[grey(0), grey(90), grey(180)], [grey(30), grey(120), grey(210)], [grey(60), grey(150), grey(240)]]);
    const out = fitImage(p, { height: 2, width: 2, channels: 1 });
    const topLeft = (0 * 1 + 90 * 0.5 + 30 * 0.5 + 120 * 0.25) / 2.25 / 255;
    expect(out[0]).toBeCloseTo(topLeft, 6);
    expect(out[3]).toBeCloseTo((240 + 150 * 0.5 + 210 * 0.5 + 120 * 0.25) / 2.25 / 255, 6);
  });

  it('drops what lies outside the centre square of a wide picture', () => {
    // 3×1: only the middle pixel survives a 1×1 fit.
    const out = fitImage(picture([[grey(255), grey(51), grey(255)]]), { height: 1, width: 1, channels: 1 });
    expect(out[0]).toBeCloseTo(51 / 255, 6);
  });

  it('crops a tall picture to its middle rows', () => {
    const out = fitImage(picture([[grey(0)], [grey(102)], [grey(0)]]), { height: 1, width: 1, channels: 3 });
    expect(Array.from(out).map((v) => v * 255)).toEqual([102, 102, 102].map((v) => expect.closeTo(v, 3)));
  });

  it('lays transparent pixels over black', () => {
    const out = fitImage(picture([[[255, 0, 0, 128]]]), { height: 1, width: 1, channels: 3 });
    expect(out[0]).toBeCloseTo(128 / 255, 6);
    expect(out[1]).toBe(0);
    expect(fitImage(picture([[[255, 255, 255, 0]]]), { height: 1, width: 1, channels: 1 })[0]).toBe(0);
  });

  it('turns colour to grey with the Rec. 601 luma', () => {
    const out = fitImage(picture([[[255, 0, 0, 255], [0, 255, 0, 255], [0, 0, 255, 255]]]), { height: 1, width: 3, channels: 1 });
    // 0.299·255 = 76.2, 0.587·255 = 149.7, 0.114·255 = 29.1: rounded to the nearest byte.
    expect(Array.from(out)).toEqual([76, 150, 29].map((v) => expect.closeTo(v / 255, 6)));
  });

  it('rounds every value to the nearest of the 256 byte levels, as the test-image shards store them', () => {
    // 2×2 averaged to one pixel: (10 + 20 + 31 + 20) / 4 = 20.25 → 20, and (10 + 20 + 32 + 20) / 4 = 20.5 → 21.
    const down = fitImage(picture([[grey(10), grey(20)], [grey(31), grey(20)]]), { height: 1, width: 1, channels: 3 });
    expect(Array.from(down, (v) => v * 255)).toEqual([20, 20, 20].map((v) => expect.closeTo(v, 4)));
    const up = fitImage(picture([[grey(10), grey(20)], [grey(32), grey(20)]]), { height: 1, width: 1, channels: 1 });
    expect(up[0] * 255).toBeCloseTo(21, 4);
  });

  it('refuses an empty picture and a buffer of the wrong size', () => {
    expect(() => fitImage({ data: [], width: 0, height: 0 }, { height: 1, width: 1, channels: 1 })).toThrow(RangeError);
    expect(() => fitImage({ data: [0, 0, 0], width: 1, height: 1 }, { height: 1, width: 1, channels: 1 })).toThrow(/expected 1×1×4 bytes, got 3/);
  });
});

describe('isGreyscale', () => {
  it('is true only when every pixel has equal red, green and blue', () => {
    expect(isGreyscale(picture([[grey(0), grey(200, 10)]]))).toBe(true);
    expect(isGreyscale(picture([[grey(0), [200, 200, 201, 255]]]))).toBe(false);
  });
});
