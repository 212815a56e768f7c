// Spearman's rank correlation between two maps, from simple-statistics (mid-ranks for ties, which
// maps have plenty of: a black background gives many equal values).
import { sampleRankCorrelation } from 'simple-statistics';

/** ρ, or `constant` when either map has a single value throughout (it has no ranking: ρ counts as 0). */
export function rankCorrelation(a: ArrayLike<number>, b: ArrayLike<number>): { rho: number; constant: boolean } {
  if (a.length !== b.length || a.length < 2) throw new Error(`rankCorrelation: need two maps of the same size ≥ 2, got ${a.length} and ${b.length}`);
  const flat = (v: ArrayLike<number>) => Array.prototype.every.call(v, (x: number) => x === v[0]);
  if (flat(a) || flat(b)) return { rho: 0, constant: true };
  return { rho: sampleRankCorrelation(Array.from(a), Array.from(b)), constant: false };
}
