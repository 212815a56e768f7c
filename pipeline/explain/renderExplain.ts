// PNGs and raw data of the explain stage: every map over its image, one raw file per image, and the
// sanity check's cascade figure.
import type { ArtifactFile } from '../artifacts/types';
import type { ModelInput } from '../model/description';
import type { AttributionMapRef, MapId } from './explainIndex';
import { float32LittleEndian } from '../visualize/renderSamples';
import { encodePng } from '../visualize/png';
import { mapLimit, round7, sampleStem, type WriteArtifact } from '../visualize/writeArtifact';
import { mapValues } from './batches';
import { mapRange, paintAttribution, rdbuPalette } from './paintAttribution';

export const MAP_SCALE = 3; // 84 px, like the gallery thumbnails
const PARALLEL_ENCODES = 4;

/** File-name form of a map id: grad-cam:conv2d_2 → grad-cam-conv2d_2. */
export const mapFileName = (id: MapId) => id.replace(':', '-');

export interface MapImageJob {
  path: string;
  map: Float32Array; // height × width
  /** The image beneath the map (paperPixels): height × width grey or height × width × 3 RGB intensities. */
  paper: Float32Array;
  kind: 'attribution-map' | 'sanity-map';
  meta: Record<string, unknown>;
}

/** Paints and writes each job's PNG; returns the manifest entries in job order. */
export async function writeMapImages(jobs: MapImageJob[], input: Pick<ModelInput, 'height' | 'width'>, write: WriteArtifact): Promise<ArtifactFile[]> {
  const palette = rdbuPalette();
  const [width, height] = [input.width * MAP_SCALE, input.height * MAP_SCALE];
  return mapLimit(jobs, PARALLEL_ENCODES, async (job) => {
    const png = await encodePng(paintAttribution(job.map, job.paper, input, MAP_SCALE, palette), width, height);
    return write(job.path, png, job.kind, { ...job.meta, width, height });
  });
}

/**
 * One image's pixels as paintAttribution draws them beneath a map: one channel or three (RGB) as they are,
 * any other count averaged to grey (h × w).
 */
export function paperPixels(image: Float32Array, channels: number): Float32Array {
  if (channels === 1 || channels === 3) return image;
  const out = new Float32Array(image.length / channels);
  for (let i = 0; i < image.length; i++) out[Math.floor(i / channels)] += image[i] / channels;
  return out;
}

/** A map's reference in explain.json: its image and the numbers shown beside it. */
export function mapRef(id: MapId, image: string, map: Float32Array, extra: { completeness?: number; steps?: number; converged?: boolean } = {}): AttributionMapRef {
  const { min, max, sum } = mapRange(map);
  const ref: AttributionMapRef = { id, image, min: round7(min), max: round7(max), sum: round7(sum) };
  if (extra.completeness !== undefined) ref.completeness = round7(extra.completeness);
  if (extra.steps !== undefined) ref.steps = extra.steps;
  if (extra.converged !== undefined) ref.converged = extra.converged;
  return ref;
}

export const mapImagePath = (sample: number, target: number, id: MapId) => `explain/maps/${sampleStem(sample)}/${target}-${mapFileName(id)}.png`;
export const sanityImagePath = (id: MapId, step: string) => `explain/sanity/${mapFileName(id)}/${step}.png`;

/** Raw maps of one image: its rows of `maps` (per map id in `ids` order, rows × h × w) one after another, float32 LE. */
export async function writeRawMaps(sample: number, rows: number[], maps: Record<MapId, Float32Array>, ids: readonly MapId[], input: Pick<ModelInput, 'height' | 'width'>, write: WriteArtifact): Promise<ArtifactFile> {
  const MAP_IDS = ids;
  const PIXELS = mapValues(input);
  const values = new Float32Array(rows.length * MAP_IDS.length * PIXELS);
  rows.forEach((row, t) => MAP_IDS.forEach((id, m) => values.set(maps[id].subarray(row * PIXELS, (row + 1) * PIXELS), (t * MAP_IDS.length + m) * PIXELS)));
  return write(`explain/data/${sampleStem(sample)}.f32`, float32LittleEndian(values), 'attribution-data', {
    sample, shape: [rows.length, MAP_IDS.length, input.height, input.width], maps: [...MAP_IDS], format: 'float32',
  });
}
