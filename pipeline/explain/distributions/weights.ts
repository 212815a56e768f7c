// Weight histograms per layer: the kept (trained) kernels next to the kernels training started from,
// counted over the same bins so the two shapes compare directly.
import { max, mean, min, standardDeviation } from 'simple-statistics';
import { fixedHistogram, type Histogram } from './histogram';

export interface WeightSummary {
  mean: number;
  std: number;
  min: number;
  max: number;
}

export interface LayerWeights {
  layer: string;
  count: number;
  /** Shared bins: `trained` and `initial` hold counts of the same edges. */
  start: number;
  width: number;
  trained: number[];
  initial: number[];
  trainedStats: WeightSummary;
  initialStats: WeightSummary;
}

const summary = (values: Float32Array): WeightSummary => {
  const list = Array.from(values);
  return { mean: mean(list), std: standardDeviation(list), min: min(list), max: max(list) };
};

/** One entry per layer of `trained`, in its order; each layer must exist in `initial` with as many values. */
export function weightDistributions(trained: Map<string, Float32Array>, initial: Map<string, Float32Array>, bins: number): LayerWeights[] {
  return [...trained].map(([layer, values]) => {
    const start = initial.get(layer);
    if (!start || start.length !== values.length) {
      throw new Error(`weight distributions: the initial weights of layer ${layer} have ${start?.length ?? 'no'} values, the trained ones ${values.length}; the model is not the one createModel() builds`);
    }
    const t = summary(values);
    const i = summary(start);
    const lo = Math.min(t.min, i.min);
    const hi = Math.max(t.max, i.max);
    const a: Histogram = fixedHistogram(values, lo, hi, bins);
    const b: Histogram = fixedHistogram(start, lo, hi, bins);
    return { layer, count: values.length, start: a.start, width: a.width, trained: a.counts, initial: b.counts, trainedStats: t, initialStats: i };
  });
}
