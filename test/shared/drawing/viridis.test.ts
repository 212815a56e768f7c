import { describe, expect, it } from 'vitest';
import { VIRIDIS_RGB, viridis, viridisHex } from '../../../shared/drawing/viridis';

// Rows of matplotlib's published _viridis_data (lib/matplotlib/_cm_listed.py, CC0), by index.
const MATPLOTLIB_FLOATS: Record<number, [number, number, number]> = {
  0: [0.267004, 0.004874, 0.329415],
  1: [0.26851, 0.009605, 0.335427],
  64: [0.229739, 0.322361, 0.545706],
  127: [0.128729, 0.563265, 0.551229],
  128: [0.127568, 0.566949, 0.550556],
  254: [0.983868, 0.904867, 0.136897],
  255: [0.993248, 0.906157, 0.143936],
};

describe('viridis', () => {
  it('runs from #440154 at 0 to #fde725 at 255', () => {
    expect(viridisHex(0)).toBe('#440154');
    expect(viridisHex(255)).toBe('#fde725');
    expect(viridisHex(128)).toBe('#21918c');
  });

  it('has exactly 256 colours', () => {
    expect(VIRIDIS_RGB.length).toBe(256 * 3);
  });

  it('matches matplotlib floats × 255, rounded', () => {
    for (const [index, floats] of Object.entries(MATPLOTLIB_FLOATS)) {
      expect(viridis(Number(index))).toEqual(floats.map((f) => Math.round(f * 255)));
    }
  });

  it('gets lighter from end to end (green channel rises monotonically)', () => {
    for (let i = 1; i < 256; i++) expect(VIRIDIS_RGB[i * 3 + 1]).toBeGreaterThanOrEqual(VIRIDIS_RGB[(i - 1) * 3 + 1]);
  });

  it('clamps levels outside 0–255', () => {
    expect(viridisHex(-3)).toBe('#440154');
    expect(viridisHex(999)).toBe('#fde725');
  });
});
