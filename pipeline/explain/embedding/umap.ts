// UMAP with umap-js (PAIR-code). Chosen over druidjs, whose UMAP builds a dense N × N matrix: on the
// 10,000 test codes it took 102 s and ~1 GB against umap-js's 16 s (measured for issue #13).
// umap-js draws every random number from the `random` function given, so a seeded generator makes
// the map identical on every build.
import { UMAP } from 'umap-js';
import { mulberry32 } from '../../train/random';
import { rowsOf } from './denseCodes';

export interface UmapSettings {
  neighbors: number;
  minDist: number;
  /**
   * Optimisation epochs. umap-js would pick 500 for up to 10,000 points; 200 (what umap-learn uses for
   * large sets) took 38 s instead of 60 s on the 10,000 codes under load, and the optimisation is then
   * two thirds of UMAP's time rather than three quarters.
   */
  epochs: number;
  seed: number;
}

export const UMAP_DEFAULTS: Omit<UmapSettings, 'seed'> = { neighbors: 15, minDist: 0.1, epochs: 200 };

/** n × 2 coordinates (row-major) of the n × dims `codes`. */
export function umap2d(codes: Float32Array, dims: number, { neighbors, minDist, epochs, seed }: UmapSettings): Float32Array {
  const n = codes.length / dims;
  if (!Number.isInteger(n) || n <= neighbors) throw new Error(`UMAP: needs more than ${neighbors} points (the neighbour count), got ${codes.length / dims}`);
  const umap = new UMAP({ nComponents: 2, nNeighbors: neighbors, minDist, nEpochs: epochs, random: mulberry32(seed) });
  return Float32Array.from(umap.fit(rowsOf(codes, dims)).flat());
}
