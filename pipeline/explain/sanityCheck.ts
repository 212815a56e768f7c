// Runs every method on a randomised copy of the model, one more layer re-initialised at each step,
// and compares the maps with the trained model's maps by Spearman rank correlation.
import type * as tfl from '@tensorflow/tfjs-layers';
import type { ModelDescription } from '../model/description';
import { mapIds, type MapId } from './explainIndex';
import { mapValues, type AttributionInput } from './batches';
import { createLogitNet } from './logitNet';
import type { AttributionMethod } from './methods/types';
import { cascadeOrder, copyModel, randomiseLayer } from './randomise';
import { rankCorrelation } from './spearman';

/**
 * A map whose magnitudes (|map|, the ranking Adebayo et al. report first) are still this correlated
 * with everything randomised is flagged as not to be trusted.
 */
export const FLAG_THRESHOLD = 0.5;

export interface SanityInput {
  model: tfl.LayersModel;
  input: AttributionInput;
  methods: Record<MapId, AttributionMethod>;
  /** The model's description: its input, read-out, Grad-CAM layers and the weighted layers the cascade randomises. */
  description: ModelDescription;
  seed: number;
  log: (line: string) => void;
}

export interface SanityResult {
  steps: string[];
  correlations: Record<MapId, number[]>;
  absCorrelations: Record<MapId, number[]>;
  constantMaps: Record<MapId, number[]>;
  flagged: MapId[];
  /** The first image's map at every step, per map id. */
  figure: Record<MapId, Float32Array[]>;
}

export async function runSanityCheck({ model, input, methods, description, seed, log }: SanityInput): Promise<SanityResult> {
  const n = input.targets.length;
  const MAP_IDS = mapIds(description.gradCam);
  const PIXELS = mapValues(description.input);
  const perMap = <T>(make: () => T) => Object.fromEntries(MAP_IDS.map((id) => [id, make()])) as Record<MapId, T>;
  const copy = await copyModel(model);
  try {
    const net = createLogitNet(copy, description); // shares the copy's weights: randomising the copy changes it
    const compute = () => (Object.fromEntries(MAP_IDS.map((id) => [id, methods[id](net, input).maps])) as Record<MapId, Float32Array>);
    const original = compute();
    const steps = ['original', ...cascadeOrder(description)];
    const correlations = perMap<number[]>(() => [1]);
    const absCorrelations = perMap<number[]>(() => [1]);
    const constantMaps = perMap<number[]>(() => [0]);
    const figure = perMap<Float32Array[]>(() => []);
    for (const id of MAP_IDS) figure[id].push(original[id].slice(0, PIXELS));
    for (const [k, layer] of steps.slice(1).entries()) {
      randomiseLayer(copy, layer, seed + 1000 * (k + 1));
      const maps = compute();
      for (const id of MAP_IDS) {
        let [sum, absSum, constant] = [0, 0, 0];
        for (let i = 0; i < n; i++) {
          const [a, b] = [original[id].subarray(i * PIXELS, (i + 1) * PIXELS), maps[id].subarray(i * PIXELS, (i + 1) * PIXELS)];
          const r = rankCorrelation(a, b);
          sum += r.rho;
          absSum += rankCorrelation(a.map(Math.abs), b.map(Math.abs)).rho;
          constant += r.constant ? 1 : 0;
        }
        correlations[id].push(sum / n);
        absCorrelations[id].push(absSum / n);
        constantMaps[id].push(constant);
        figure[id].push(maps[id].slice(0, PIXELS));
      }
      log(`explain: sanity check, ${layer} randomised: ${MAP_IDS.map((id) => `${id} ρ=${correlations[id].at(-1)?.toFixed(2)} ρ(|map|)=${absCorrelations[id].at(-1)?.toFixed(2)}`).join(', ')}`);
    }
    const flagged = MAP_IDS.filter((id) => (absCorrelations[id].at(-1) ?? 0) >= FLAG_THRESHOLD);
    return { steps, correlations, absCorrelations, constantMaps, flagged, figure };
  } finally {
    copy.dispose();
  }
}
