import { describe, expect, it } from 'vitest';
import { divergingLevel, divergingPalette, NEGATIVE_RGB, POSITIVE_RGB, ZERO_RGB } from '../../pipeline/visualize/diverging';
import { FILTER_GAP_RGB, filterColours, filterNorms, paintFilterGrid, rgbLevel, type Kernel } from '../../pipeline/visualize/filters';
import { layerGrid } from '../../shared/drawing/layerGrid';

const rgbAt = (palette: Uint8Array, level: number) => Array.from(palette.subarray(level * 3, level * 3 + 3));

describe('filters', () => {
  it('computes each filter’s L2 norm over kernel height, width and input channels', () => {
    // shape [1, 2, 1, 3]: filter f's weights sit at positions f and 3 + f.
    const kernel: Kernel = { shape: [1, 2, 1, 3], values: Float32Array.from([3, 0, 1, 4, 0, -1]) };
    expect(filterNorms(kernel)).toEqual([5, 0, Math.SQRT2]);
    expect(() => filterNorms({ shape: [3, 3, 1, 2], values: new Float32Array(5) })).toThrow(/18 values\), got 5/);
  });

  it('centres the diverging scale on zero with blue below and red above', () => {
    const palette = divergingPalette();
    expect(divergingLevel(0, 0.5)).toBe(128);
    expect(divergingLevel(-0.5, 0.5)).toBe(1);
    expect(divergingLevel(0.5, 0.5)).toBe(255);
    expect(divergingLevel(0.3, 0)).toBe(128);
    expect(rgbAt(palette, 128)).toEqual(ZERO_RGB);
    expect(rgbAt(palette, 1)).toEqual(NEGATIVE_RGB);
    expect(rgbAt(palette, 255)).toEqual(POSITIVE_RGB);
  });

  it('paints each 3×3 kernel in its own tile on one shared ±max scale', () => {
    // Two filters: filter 0 all zero except +0.2 at the top-left; filter 1 is −0.2 everywhere.
    const values = new Float32Array(3 * 3 * 2);
    for (let p = 0; p < 9; p++) values[p * 2 + 1] = -0.2;
    values[0] = 0.2;
    const layout = layerGrid(3, 3, 2);
    const { rgba, maxAbs } = paintFilterGrid({ shape: [3, 3, 1, 2], values }, layout);
    expect(maxAbs).toBeCloseTo(0.2, 6);
    const rgb = (x: number, y: number) => Array.from(rgba.subarray((y * layout.width + x) * 4, (y * layout.width + x) * 4 + 3));
    expect(rgb(0, 0)).toEqual(POSITIVE_RGB);
    expect(rgb(layout.tileWidth - 1, layout.tileHeight - 1)).toEqual(ZERO_RGB);
    expect(rgb(layout.tileWidth, 0)).toEqual(FILTER_GAP_RGB);
    expect(rgb(layout.tileWidth + layout.gap, 0)).toEqual(NEGATIVE_RGB);
    // Two input channels (neither grey nor RGB): each weight shown as the mean over them, here +1 and −1 → 0.
    const mixed = Float32Array.from({ length: 18 }, (_, i) => (i % 2 === 0 ? 1 : -1));
    const two = paintFilterGrid({ shape: [3, 3, 2, 1], values: mixed }, layerGrid(3, 3, 1));
    expect(Array.from(two.rgba.subarray(0, 3))).toEqual(ZERO_RGB);
  });

  it('reads each filter from its own position in the filters-fastest layout', () => {
    // Two 2×2 filters: filter 0 is +0.4 at its top-left only, filter 1 is −0.4 at its bottom-right only.
    const values = Float32Array.from([0.4, 0, 0, 0, 0, 0, 0, -0.4]);
    const layout = layerGrid(2, 2, 2);
    const { rgba } = paintFilterGrid({ shape: [2, 2, 1, 2], values }, layout);
    const rgb = (x: number, y: number) => Array.from(rgba.subarray((y * layout.width + x) * 4, (y * layout.width + x) * 4 + 3));
    const right = layout.tileWidth + layout.gap;
    const [last, bottom] = [layout.tileWidth - 1, layout.tileHeight - 1];
    expect([rgb(0, 0), rgb(last, bottom)]).toEqual([POSITIVE_RGB, ZERO_RGB]);
    expect([rgb(right, 0), rgb(right + last, bottom)]).toEqual([ZERO_RGB, NEGATIVE_RGB]);
  });

  it('names the expected shape and sizes when a kernel or its layout does not fit', () => {
    expect(() => filterNorms({ shape: [3, 3, 1, 2], values: new Float32Array(5) })).toThrow('kernel: expected 4-D weights matching shape [3, 3, 1, 2] (18 values), got 5');
    const threeD = { shape: [3, 3, 2] as unknown as Kernel['shape'], values: new Float32Array(18) };
    expect(() => filterNorms(threeD)).toThrow('kernel: expected 4-D weights matching shape [3, 3, 2] (18 values), got 18');
    expect(() => paintFilterGrid({ shape: [3, 3, 1, 2], values: new Float32Array(18) }, layerGrid(3, 3, 3))).toThrow('paintFilterGrid: the layout has 3 tiles for 2 filters');
  });

  it('blends linearly between the ends of the palette, level 0 repeating level 1', () => {
    const palette = divergingPalette();
    const blend = (to: readonly number[], f: number) => ZERO_RGB.map((z, k) => Math.round(z + (to[k] - z) * f));
    expect(rgbAt(palette, 192)).toEqual(blend(POSITIVE_RGB, 64 / 127));
    expect(rgbAt(palette, 64)).toEqual(blend(NEGATIVE_RGB, 64 / 127));
    expect(rgbAt(palette, 0)).toEqual(rgbAt(palette, 1));
  });

  it('paints a kernel of a colour input as RGB, its red, green and blue weights on one range shared by all filters', () => {
    // Two 1×1 filters of three input channels: filter 0 weighs red +0.5, green 0, blue −0.5; filter 1 is +0.25 green only.
    // Values are [kh, kw, in, filters] with filters fastest: index = c · 2 + f.
    const values = Float32Array.from([0.5, 0, 0, 0.25, -0.5, 0]);
    const layout = layerGrid(1, 1, 2);
    const { rgba, maxAbs, colours } = paintFilterGrid({ shape: [1, 1, 3, 2], values }, layout);
    expect([colours, maxAbs]).toEqual(['rgb', 0.5]);
    const rgb = (x: number, y: number) => Array.from(rgba.subarray((y * layout.width + x) * 4, (y * layout.width + x) * 4 + 3));
    expect(rgb(0, 0)).toEqual([255, 128, 1]);
    // Filter 1 on the same range as filter 0 (not stretched to its own maximum): half-way to full green.
    expect(rgb(layout.tileWidth + layout.gap, 0)).toEqual([128, Math.round(128 + 0.5 * 127), 128]);
  });

  it('keeps diverging colours for one input channel and names the colours it used', () => {
    expect([filterColours(1), filterColours(3), filterColours(2)]).toEqual(['diverging', 'rgb', 'diverging']);
    expect(paintFilterGrid({ shape: [1, 1, 1, 1], values: Float32Array.from([1]) }, layerGrid(1, 1, 1)).colours).toBe('diverging');
    expect([rgbLevel(0, 1), rgbLevel(1, 1), rgbLevel(-1, 1), rgbLevel(3, 1), rgbLevel(0.4, 0)]).toEqual([128, 255, 1, 255, 128]);
  });
});
