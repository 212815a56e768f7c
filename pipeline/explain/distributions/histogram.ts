// Histograms with equal-width bins. Counting is one index computation per value, so the bins are
// defined here once and the tests count the same edges directly.

/** Bin k counts values in [start + k·width, start + (k+1)·width); the last bin also holds its right edge. */
export interface Histogram {
  start: number;
  width: number;
  counts: number[];
}

/** Counts `values` in `bins` equal bins over [min, max] (a single value gets one bin of width 1). */
export function fixedHistogram(values: ArrayLike<number>, min: number, max: number, bins: number): Histogram {
  if (!(bins >= 1) || !Number.isInteger(bins)) throw new Error(`fixedHistogram: bins must be a positive integer, got ${bins}`);
  if (!(min <= max)) throw new Error(`fixedHistogram: the range [${min}, ${max}] is empty or not finite`);
  const width = max > min ? (max - min) / bins : 1;
  const counts = new Array<number>(bins).fill(0);
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (!(v >= min && v <= max)) throw new Error(`fixedHistogram: value ${v} lies outside [${min}, ${max}]`);
    counts[Math.min(bins - 1, Math.floor((v - min) / width))]++;
  }
  return { start: min, width, counts };
}

/**
 * A histogram of positive values seen in batches, for ReLU outputs whose largest value is known only
 * at the end. Widths are powers of two, so v / width is exact; when a value falls beyond the last bin,
 * neighbouring bins merge pairwise and the width doubles. The counts stay exact: bin k always holds
 * [k·width, (k+1)·width). Zeros are counted apart (a ReLU's zeros would flatten every other bin).
 */
export interface PositiveHistogram {
  add(values: ArrayLike<number>): void;
  /** The histogram of positive values without trailing empty bins, how many values were 0, and how many in all. */
  result(): { histogram: Histogram; zeros: number; total: number; max: number };
}

export function positiveHistogram(bins: number): PositiveHistogram {
  if (!(bins >= 2) || bins % 2 !== 0) throw new Error(`positiveHistogram: bins must be an even number ≥ 2, got ${bins}`);
  let counts = new Float64Array(bins);
  let width = 0;
  let zeros = 0;
  let total = 0;
  let max = 0;
  const grow = (to: number) => {
    if (width === 0) width = 2 ** Math.ceil(Math.log2(to / bins));
    while (to >= width * bins) {
      const merged = new Float64Array(bins);
      for (let k = 0; k < bins; k++) merged[k >> 1] += counts[k];
      counts = merged;
      width *= 2;
    }
  };
  return {
    add(values) {
      let batchMax = 0;
      for (let i = 0; i < values.length; i++) if (values[i] > batchMax) batchMax = values[i];
      if (batchMax > 0) grow(batchMax);
      max = Math.max(max, batchMax);
      total += values.length;
      for (let i = 0; i < values.length; i++) {
        const v = values[i];
        if (v > 0) counts[Math.floor(v / width)]++;
        else if (v === 0) zeros++;
        else throw new Error(`positiveHistogram: got ${v}; only ReLU outputs (≥ 0) are expected`);
      }
    },
    result() {
      let used = bins;
      while (used > 1 && counts[used - 1] === 0) used--;
      return { histogram: { start: 0, width: width || 1, counts: Array.from(counts.subarray(0, used)) }, zeros, total, max };
    },
  };
}
