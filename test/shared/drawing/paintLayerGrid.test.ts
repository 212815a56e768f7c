import { describe, expect, it } from 'vitest';
import { layerGrid } from '../../../shared/drawing/layerGrid';
import { normalisationOf, paintLayerGrid, toChannelMajor } from '../../../shared/drawing/paintLayerGrid';
import { encodePng } from '../../../pipeline/visualize/png';
import { viridisHex } from '../../../shared/drawing/viridis';
import { decodePng } from '../../visualize/decodePng';

/** A 2×2 map with 17 channels, channels last as TF.js gives it. Channel 0: [[0, 2], [0, 2]];
 * channel 1: [[0, 0], [0, 4]]; channel 16 (first of the second row) and the rest: all zero. */
function syntheticActivation(): Float32Array {
  const channels = 17;
  const hwc = new Float32Array(2 * 2 * channels);
  const set = (y: number, x: number, c: number, v: number) => (hwc[(y * 2 + x) * channels + c] = v);
  set(0, 1, 0, 2);
  set(1, 1, 0, 2);
  set(1, 1, 1, 4);
  return hwc;
}

describe('paintLayerGrid', () => {
  it('reorders channels-last values so each channel is contiguous', () => {
    const map = toChannelMajor([10, 20, 11, 21, 12, 22], 1, 3, 2);
    expect(Array.from(map.values)).toEqual([10, 11, 12, 20, 21, 22]);
    expect(() => toChannelMajor([1, 2, 3], 2, 2, 1)).toThrow(/expected 2×2×1 = 4 values, got 3/);
  });

  it('paints a synthetic activation whose decoded PNG pixels land on the expected viridis colours', async () => {
    const layout = layerGrid(2, 2, 17);
    expect(layout).toMatchObject({ rows: 2, cols: 16, scale: 32, tileWidth: 64, width: 1054, height: 130 });
    const { rgba, stats } = paintLayerGrid(toChannelMajor(syntheticActivation(), 2, 2, 17), layout);
    const png = await encodePng(rgba, layout.width, layout.height);
    const image = await decodePng(png);
    expect([image.width, image.height]).toEqual([1054, 130]);

    // Channel 0: mean 1, std 1 → 0 → level 64, 2 → level 192; each map pixel is a 32×32 block.
    expect(image.hexAt(0, 0)).toBe(viridisHex(64));
    expect(image.hexAt(31, 63)).toBe(viridisHex(64));
    expect(image.hexAt(32, 0)).toBe(viridisHex(192));
    expect(image.hexAt(63, 63)).toBe(viridisHex(192));
    // The gap after the first tile, and the corner between rows, are white.
    expect(image.hexAt(64, 10)).toBe('#ffffff');
    expect(image.hexAt(65, 65)).toBe('#ffffff');
    // Channel 1 starts at x = 66: mean 1, std √3 → 0 → 91.05 → 91, 4 → 238.85 → 238.
    expect(image.hexAt(66, 0)).toBe(viridisHex(91));
    expect(image.hexAt(66 + 63, 63)).toBe(viridisHex(238));
    // Channel 16 opens the second row (y = 66) and is dead: flat level 128.
    expect(image.hexAt(0, 66)).toBe('#21918c');
    expect(image.hexAt(63, 129)).toBe('#21918c');
    expect(image.alphaAt(1053, 129)).toBe(255);

    expect(stats).toHaveLength(17);
    expect(stats[0]).toEqual({ channel: 0, mean: 1, std: 1, min: 0, max: 2, dead: false });
    expect(stats.filter((s) => s.dead).map((s) => s.channel)).toEqual([2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16]);
  });

  it('normalises 1×1 maps across the layer, since a single value has no spread of its own', () => {
    const map = toChannelMajor([0, 1, 2, 3], 1, 1, 4);
    expect(normalisationOf(map)).toBe('per-layer');
    expect(normalisationOf({ height: 3, width: 3 })).toBe('per-channel');
    const layout = layerGrid(1, 1, 4);
    const { rgba, stats } = paintLayerGrid(map, layout);
    // mean 1.5, std √1.25: 0 → 42.13 → 42, 3 → 213.87 → 213.
    const hexAtTile = (c: number) => {
      const o = c * (layout.tileWidth + layout.gap) * 4;
      return '#' + Array.from(rgba.subarray(o, o + 3), (v) => v.toString(16).padStart(2, '0')).join('');
    };
    expect(hexAtTile(0)).toBe(viridisHex(42));
    expect(hexAtTile(3)).toBe(viridisHex(213));
    expect(stats.map((s) => s.dead)).toEqual([false, false, false, false]);
    expect(stats[2]).toMatchObject({ mean: 2, std: 0, min: 2, max: 2 });
  });
});
