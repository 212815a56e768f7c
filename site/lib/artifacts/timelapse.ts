// The typed loader of the training timelapse (timelapse/timelapse.json, written by pipeline/explain/timelapse).
import path from 'node:path';
import { z } from 'zod';
import type { TimelapseIndex } from '../../../pipeline/explain/timelapse/timelapseIndex';
import { ArtifactsError, listedFile, readJson, RUN_PIPELINE_HINT, type SiteArtifacts } from './load';

const num = z.number();
const picture = z.object({ path: z.string(), width: num, height: num });

export const timelapseIndexSchema = z.object({
  layer: z.string(),
  sample: num,
  channels: num,
  keptEpoch: num,
  stopEpoch: num.nullable(),
  kernelRange: num,
  epochs: z.array(z.object({ epoch: num, valAccuracy: num.nullable(), kernels: picture, maps: picture })).min(1),
  filmstrip: picture.extend({ epochs: z.array(num) }),
});

/** Every image the timelapse index refers to: two per epoch and the filmstrip. */
export function timelapseImages(index: TimelapseIndex): string[] {
  return [...index.epochs.flatMap((e) => [e.kernels.path, e.maps.path]), index.filmstrip.path];
}

export function hasTimelapse(artifacts: Pick<SiteArtifacts, 'manifest'>): boolean {
  return artifacts.manifest.files.some((f) => f.kind === 'timelapse-index');
}

const loaded = new WeakMap<SiteArtifacts, TimelapseIndex>();

/** The manifest's timelapse index, checked against the contract, with every image it names listed and present. */
export function loadTimelapse(artifacts: SiteArtifacts): TimelapseIndex {
  const cached = loaded.get(artifacts);
  if (cached) return cached;
  const { manifest, dir } = artifacts;
  const entry = manifest.files.find((f) => f.kind === 'timelapse-index');
  if (!entry) throw new ArtifactsError(`${path.join(dir, 'manifest.json')} lists no training timelapse (kind "timelapse-index"). ${RUN_PIPELINE_HINT}`);
  const index = readJson(dir, listedFile(manifest, dir, entry.path).path, timelapseIndexSchema) as TimelapseIndex;
  for (const image of timelapseImages(index)) listedFile(manifest, dir, image);
  loaded.set(artifacts, index);
  return index;
}
