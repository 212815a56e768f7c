import { describe, expect, it } from 'vitest';
import { fixedHistogram, positiveHistogram } from '../../../pipeline/explain/distributions/histogram';
import { mulberry32 } from '../../../pipeline/train/random';

/** Counts by the definition: bin k holds [start + k·width, start + (k+1)·width), the last bin its right edge too. */
function directCount(values: number[], start: number, width: number, bins: number): number[] {
  return Array.from({ length: bins }, (_, k) => values.filter((v) => v >= start + k * width && (v < start + (k + 1) * width || (k === bins - 1 && v <= start + bins * width))).length);
}

describe('fixedHistogram', () => {
  it('counts every value in the bin a direct count over the same edges finds, the maximum in the last bin', () => {
    const random = mulberry32(5);
    const values = Array.from({ length: 2000 }, () => random() * 3 - 1.2);
    const lo = Math.min(...values);
    const hi = Math.max(...values);
    const h = fixedHistogram(values, lo, hi, 17);
    expect(h.counts).toEqual(directCount(values, h.start, h.width, 17));
    expect(h.counts.reduce((a, b) => a + b, 0)).toBe(2000);
  });

  it('refuses a value outside the range and a range that is empty', () => {
    expect(() => fixedHistogram([0.5, 2], 0, 1, 4)).toThrow('value 2 lies outside [0, 1]');
    expect(() => fixedHistogram([], 1, 0, 4)).toThrow('empty');
  });
});

describe('positiveHistogram', () => {
  it('gives the same counts as a direct count when batches raise the maximum, keeping zeros apart', () => {
    const random = mulberry32(9);
    // Later batches reach further, so the bins must merge twice on the way.
    const batches = [0.3, 1.1, 5].map((scale) => Array.from({ length: 500 }, () => (random() < 0.4 ? 0 : random() * scale)));
    const h = positiveHistogram(16);
    for (const b of batches) h.add(Float32Array.from(b));
    const { histogram, zeros, total, max } = h.result();
    const all = Array.from(Float32Array.from(batches.flat()));
    const positives = all.filter((v) => v > 0);
    expect(zeros).toBe(all.length - positives.length);
    expect(total).toBe(1500);
    expect(max).toBe(Math.max(...all));
    expect(histogram.start).toBe(0);
    expect(histogram.width * 16).toBeGreaterThan(max);
    expect(histogram.width * 8).toBeLessThanOrEqual(max); // at least half the bins in use
    const direct = Array.from({ length: histogram.counts.length }, (_, k) => positives.filter((v) => v >= k * histogram.width && v < (k + 1) * histogram.width).length);
    expect(histogram.counts).toEqual(direct);
  });

  it('refuses negative values, which no ReLU gives', () => {
    expect(() => positiveHistogram(8).add([0.2, -1])).toThrow('only ReLU outputs');
  });
});
