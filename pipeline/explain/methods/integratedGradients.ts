// Integrated Gradients (Sundararajan et al., 2017): the gradient averaged along the straight path
// from a baseline (a black image) to the input, times the input's difference from the baseline.
// Its "completeness" axiom says the map sums to score(input) − score(baseline); how far a computed
// map misses that sum measures the error of the numerical integration, so it is recorded per map.
// A map that stays above the bound after the step limit is published all the same, marked as not
// converged (runExplain): a weak model is shown, not refused.
import { checkInput, imageValues, mapRows, mapValues, sliceInput, sumChannels, type AttributionInput } from '../batches';
import type { LogitNet } from '../logitNet';
import { inputGradients, scoresOf } from './gradients';
import type { Attribution, AttributionMethod } from './types';

export interface IntegratedGradientsOptions {
  steps: number; // intervals of the trapezoid rule (steps + 1 gradient evaluations)
  /** Images whose completeness error exceeds this are integrated again with twice the steps… */
  refineAbove: number;
  /** …up to this many steps (the last pass uses exactly this many; `--ig-max-steps`). */
  maxSteps: number;
}

export const IG_DEFAULTS: IntegratedGradientsOptions = { steps: 64, refineAbove: 0.01, maxSteps: 512 };

/** Trapezoid weights over α = 0, 1/m, …, 1: ends count half. */
export function trapezoidWeights(steps: number): Float64Array {
  return Float64Array.from({ length: steps + 1 }, (_, k) => (k === 0 || k === steps ? 0.5 : 1) / steps);
}

/** Below this scale (logits) the error is the absolute gap: float32 rounding of the scores is ~1e-6. */
export const COMPLETENESS_FLOOR = 1e-6;

/**
 * The completeness error of one map: the gap |Σ map − Δ|, Δ = score(x) − score(baseline), divided by
 * max(Σ |map|, |Δ|), the larger of the attribution mass and the score change (the absolute gap when
 * both are below COMPLETENESS_FLOOR).
 *
 * Why not the gap / |Δ| of the paper's check: a weakly trained network can score an image about as
 * high as the black baseline while the path crosses large positive and negative gradients, so Δ ≈ 0
 * and any rounding-sized gap became 164 %. The attribution mass is the scale the map is drawn on
 * (each map is coloured to ±its largest pixel), so an error small against it does not change what the
 * page shows; a map that missed the integral (a narrow spike between the steps, Σ |map| ≈ 0) still
 * scores ≈ 1 through |Δ|. The denominator is never smaller than |Δ|, so on the trained network this
 * is at most the old measure: maps that passed before still pass. It lies in [0, 2].
 */
export function completenessError(mapSum: number, scoreDifference: number, absSum: number): number {
  const gap = Math.abs(mapSum - scoreDifference);
  const scale = Math.max(absSum, Math.abs(scoreDifference));
  return scale > COMPLETENESS_FLOOR ? gap / scale : gap;
}

/** IG with a fixed number of steps and a black (all-zero) baseline. */
export function integrateFixed(net: LogitNet, input: AttributionInput, steps: number): Attribution {
  const n = checkInput('integrated-gradients', input, net.input, net.classes);
  const VALUES = imageValues(net.input);
  const MAP = mapValues(net.input);
  const weights = trapezoidWeights(steps);
  const points = steps + 1;
  const rowsPerChunk = Math.max(1, Math.floor(256 / points));
  const maps = mapRows(n, rowsPerChunk, MAP, (start, end) => {
    const rows = end - start;
    const path = new Float32Array(rows * points * VALUES);
    const targets = new Int32Array(rows * points);
    for (let r = 0; r < rows; r++) {
      const image = input.images.subarray((start + r) * VALUES, (start + r + 1) * VALUES);
      for (let k = 0; k < points; k++) {
        const alpha = k / steps;
        const o = (r * points + k) * VALUES;
        for (let p = 0; p < VALUES; p++) path[o + p] = alpha * image[p];
        targets[r * points + k] = input.targets[start + r];
      }
    }
    const grads = inputGradients(net, path, targets);
    const out = new Float32Array(rows * VALUES);
    for (let r = 0; r < rows; r++) {
      for (let k = 0; k < points; k++) {
        const o = (r * points + k) * VALUES;
        for (let p = 0; p < VALUES; p++) out[r * VALUES + p] += weights[k] * grads[o + p];
      }
      for (let p = 0; p < VALUES; p++) out[r * VALUES + p] *= input.images[(start + r) * VALUES + p];
    }
    // A colour pixel's attribution is the sum over its channels: completeness still holds.
    return sumChannels(out, net.input.channels);
  });
  // score(x) − score(black) for each image's target, to check completeness.
  const scores = scoresOf(net, input.images, n);
  const black = scoresOf(net, new Float32Array(VALUES), 1);
  const completeness = new Float32Array(n);
  const classes = scores.length / n;
  for (let i = 0; i < n; i++) {
    const t = input.targets[i];
    let [sum, absSum] = [0, 0];
    for (let p = 0; p < MAP; p++) {
      sum += maps[i * MAP + p];
      absSum += Math.abs(maps[i * MAP + p]);
    }
    completeness[i] = completenessError(sum, scores[i * classes + t] - black[t], absSum);
  }
  return { maps, completeness, steps: new Int32Array(n).fill(steps) };
}

/** The step counts tried: `steps`, doubled each pass, the last capped at `maxSteps` (64, 128, 200 for 200). */
export function stepSchedule(steps: number, maxSteps: number): number[] {
  const schedule = [steps];
  while (schedule[schedule.length - 1] < maxSteps) schedule.push(Math.min(schedule[schedule.length - 1] * 2, maxSteps));
  return schedule;
}

/**
 * IG starting at `steps`; images still above `refineAbove` are integrated again with twice the
 * steps until they pass or reach `maxSteps`. The errors stay recorded either way.
 */
export function integratedGradients(options: Partial<IntegratedGradientsOptions> = {}): AttributionMethod {
  const { steps, refineAbove, maxSteps } = { ...IG_DEFAULTS, ...options };
  // A programming error, not a weak model: the CLI checks --ig-max-steps before a run starts.
  if (!(Number.isInteger(steps) && Number.isInteger(maxSteps) && steps >= 1 && maxSteps >= steps)) {
    throw new Error(`integrated-gradients: need whole numbers 1 ≤ steps ≤ maxSteps, got ${steps} and ${maxSteps}`);
  }
  return (net, input) => {
    const result = integrateFixed(net, input, steps);
    for (const m of stepSchedule(steps, maxSteps).slice(1)) {
      const redo = Array.from(result.completeness as Float32Array, (e, i) => (e > refineAbove ? i : -1)).filter((i) => i >= 0);
      if (redo.length === 0) break;
      const [size, map] = [imageValues(net.input), mapValues(net.input)];
      const images = new Float32Array(redo.length * size);
      redo.forEach((i, j) => images.set(sliceInput(input, i, i + 1, net.input).images, j * size));
      const again = integrateFixed(net, { images, targets: Int32Array.from(redo, (i) => input.targets[i]) }, m);
      redo.forEach((i, j) => {
        result.maps.set(again.maps.subarray(j * map, (j + 1) * map), i * map);
        (result.completeness as Float32Array)[i] = (again.completeness as Float32Array)[j];
        (result.steps as Int32Array)[i] = m;
      });
    }
    return result;
  };
}
