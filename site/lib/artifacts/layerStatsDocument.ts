import type { SiteArtifacts } from './load';

/** Four significant digits are plenty for a tooltip and keep the file small. */
const round = (v: number) => Number(v.toPrecision(4));

/** Per channel: [mean, min, max, dead ? 1 : 0]. */
export type CompactChannelStats = [number, number, number, 0 | 1];

export interface LayerStatsDocument {
  layer: string;
  /** Keyed by test-set index of the sample. */
  samples: Record<string, CompactChannelStats[]>;
}

/** The stats the zoom view shows, for every visualized sample of one layer (the build writes one file per layer). */
export function layerStatsDocument(artifacts: SiteArtifacts, layer: string): LayerStatsDocument {
  const samples: Record<string, CompactChannelStats[]> = {};
  for (const sample of artifacts.visuals.samples) {
    samples[String(sample.index)] = artifacts
      .layerStats(layer, sample.index)
      .map((s) => [round(s.mean), round(s.min), round(s.max), s.dead ? 1 : 0]);
  }
  return { layer, samples };
}
