import { describe, expect, it } from 'vitest';
import { divergingLevel, divergingPalette, NEGATIVE_RGB, POSITIVE_RGB, ZERO_RGB } from '../../pipeline/visualize/diverging';
import { FILTER_GAP_RGB, filterNorms, paintFilterGrid, type Kernel } from '../../pipeline/visualize/filters';
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
    expect(() => paintFilterGrid({ shape: [3, 3, 2, 1], values: new Float32Array(18) }, layerGrid(3, 3, 1))).toThrow(/1 input channel/);
  });
});
