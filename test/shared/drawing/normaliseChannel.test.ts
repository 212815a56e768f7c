import { describe, expect, it } from 'vitest';
import { channelStats, DEAD_CHANNEL_LEVEL, normaliseChannel } from '../../../shared/drawing/normaliseChannel';

describe('normaliseChannel', () => {
  it('renders a constant channel flat at level 128 without NaN and counts it dead', () => {
    for (const value of [0, 0.7]) {
      const { levels, stats } = normaliseChannel(new Float32Array(26 * 26).fill(value), 5);
      expect(Array.from(new Set(levels))).toEqual([DEAD_CHANNEL_LEVEL]);
      expect(stats).toEqual({ channel: 5, mean: Math.fround(value), std: 0, min: Math.fround(value), max: Math.fround(value), dead: true });
    }
  });

  it('applies (x − mean) / std · 64 + 128 with the population std, truncating like astype(uint8)', () => {
    // mean 1, population std 1 (the sample std would be 1.15): 0 → 64, 2 → 192.
    const { levels, stats } = normaliseChannel([0, 2, 0, 2]);
    expect(stats).toMatchObject({ mean: 1, std: 1, min: 0, max: 2, dead: false });
    expect(Array.from(levels)).toEqual([64, 192, 64, 192]);
    // mean 2, std √2.5: 47.05, 87.52, 168.48, 208.95 → truncated (rounding would give 88 and 209).
    expect(Array.from(normaliseChannel([0, 1, 3, 4]).levels)).toEqual([47, 87, 168, 208]);
  });

  it('clips outliers to 0 and 255', () => {
    const values = new Array(100).fill(0);
    values[0] = 100; // ~10 std above the mean
    const { levels } = normaliseChannel(values);
    expect(levels[0]).toBe(255);
    expect(Math.min(...levels)).toBeGreaterThanOrEqual(0);
    expect(normaliseChannel([...new Array(99).fill(1), -100]).levels[99]).toBe(0);
  });

  it('does not call a single-pixel channel dead, since one value has no spread to measure', () => {
    expect(channelStats([3.5], 7)).toEqual({ channel: 7, mean: 3.5, std: 0, min: 3.5, max: 3.5, dead: false });
    expect(Array.from(normaliseChannel([3.5]).levels)).toEqual([128]);
  });
});
