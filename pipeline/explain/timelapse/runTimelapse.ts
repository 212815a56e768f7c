// The timelapse stage: draws the frames training recorded (timelapse/record.json) as one kernel grid
// and one feature-map grid per epoch, plus a filmstrip of key epochs, and indexes them for the site.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { layerGrid } from '../../../shared/drawing/layerGrid';
import { paintLayerGrid, toChannelMajor } from '../../../shared/drawing/paintLayerGrid';
import type { ArtifactFile, TrainingHistory } from '../../artifacts/types';
import type { ModelDescription } from '../../model/description';
import { decodeTimelapse, TIMELAPSE_RECORD_PATH, type TimelapseRecordIndex } from '../../train/timelapseRecord';
import { maxAbs, paintFilterGrid, type Kernel } from '../../visualize/filters';
import { encodePng } from '../../visualize/png';
import { artifactWriter, mapLimit, round7 } from '../../visualize/writeArtifact';
import { composeRows, keyEpochs, type Picture } from './filmstrip';
import { TIMELAPSE_INDEX_PATH, type TimelapseIndex } from './timelapseIndex';

/** Kernel tiles of 24 px (3×3 at 8×) and map tiles at their own 26 px: the page scales them up crisply. */
const KERNEL_TILE = 24;
const MAP_TILE = 26;
const FILMSTRIP_GAP = 6;

export interface TimelapseContext {
  /** The staging folder, which already holds the training files (record and history). */
  outDir: string;
  /** The test image the drawing stages follow: the record must be of the same one. */
  articleSample: number;
  /** The model's description: an imported model was not trained here, so it has no timelapse; the record must be of its first convolution. */
  description: Pick<ModelDescription, 'source' | 'firstConvolution'>;
  log: (line: string) => void;
}

export interface TimelapseResult {
  files: ArtifactFile[];
  /** null: no timelapse (an imported model). */
  index: TimelapseIndex | null;
}

async function readJson<T>(outDir: string, rel: string): Promise<T> {
  try {
    return JSON.parse(await readFile(path.join(outDir, rel), 'utf8')) as T;
  } catch (error) {
    throw new Error(`timelapse: cannot read ${rel} in ${outDir} (${(error as Error).message}); it is written by training: retrain with --force.`);
  }
}

export async function runTimelapse({ outDir, articleSample, description, log }: TimelapseContext): Promise<TimelapseResult> {
  if (description.source.kind === 'imported') {
    log('timelapse: the model was trained elsewhere (--model), so there are no epochs to draw');
    return { files: [], index: null };
  }
  const record = await readJson<TimelapseRecordIndex>(outDir, TIMELAPSE_RECORD_PATH);
  const history = await readJson<TrainingHistory>(outDir, 'history.json');
  if (record.sample !== articleSample) {
    throw new Error(`timelapse: the record follows test image ${record.sample}, the article ${articleSample}; retrain with --force.`);
  }
  if (record.layer !== description.firstConvolution) {
    throw new Error(`timelapse: the record is of layer ${record.layer}, the model's first convolution is ${description.firstConvolution}; retrain with --force.`);
  }
  const frames = decodeTimelapse(record, await readFile(path.join(outDir, record.data)));
  const kernelShape = record.kernelShape as Kernel['shape'];
  const [kh, kw, , filters] = kernelShape;
  const [mh, mw, channels] = record.mapShape;
  const kernelLayout = layerGrid(kh, kw, filters, { targetTile: KERNEL_TILE });
  const mapLayout = layerGrid(mh, mw, channels, { targetTile: MAP_TILE });
  // One colour range for every epoch, so weights growing over training show as stronger colours.
  const range = Math.max(...frames.map((f) => maxAbs(f.kernel)));
  const paint = (f: (typeof frames)[number]): { kernels: Picture; maps: Picture } => ({
    kernels: { rgba: paintFilterGrid({ shape: kernelShape, values: f.kernel }, kernelLayout, range).rgba, width: kernelLayout.width, height: kernelLayout.height },
    maps: { rgba: paintLayerGrid(toChannelMajor(f.maps, mh, mw, channels), mapLayout).rgba, width: mapLayout.width, height: mapLayout.height },
  });
  const write = artifactWriter(outDir);
  const png = async (rel: string, p: Picture, kind: ArtifactFile['kind'], meta: Record<string, unknown>) => {
    const file = await write(rel, await encodePng(p.rgba, p.width, p.height), kind, { ...meta, width: p.width, height: p.height });
    return { file, picture: { path: rel, width: p.width, height: p.height } };
  };
  const valAccuracy = new Map(history.epochs.map((e) => [e.epoch, e.valAccuracy]));
  const painted = new Map<number, { kernels: Picture; maps: Picture }>();
  const drawn = await mapLimit(frames, 2, async (f) => {
    const pictures = paint(f);
    painted.set(f.epoch, pictures);
    const stem = `timelapse/epoch-${String(f.epoch).padStart(3, '0')}`;
    const kernels = await png(`${stem}-kernels.png`, pictures.kernels, 'timelapse-frame', { epoch: f.epoch, picture: 'kernels' });
    const maps = await png(`${stem}-maps.png`, pictures.maps, 'timelapse-frame', { epoch: f.epoch, picture: 'maps', sample: record.sample });
    return { files: [kernels.file, maps.file], epoch: { epoch: f.epoch, valAccuracy: valAccuracy.has(f.epoch) ? round7(valAccuracy.get(f.epoch) as number) : null, kernels: kernels.picture, maps: maps.picture } };
  });
  const epochs = frames.map((f) => f.epoch);
  const strip = keyEpochs(epochs, history.bestEpoch);
  const filmstrip = await png('timelapse/filmstrip.png', composeRows(strip.map((e) => { const p = painted.get(e)!; return [p.kernels, p.maps]; }), FILMSTRIP_GAP), 'timelapse-filmstrip', { epochs: strip });
  const index: TimelapseIndex = {
    layer: record.layer,
    sample: record.sample,
    channels: filters,
    keptEpoch: history.bestEpoch,
    stopEpoch: history.stoppedEarly ? (history.epochs.at(-1)?.epoch ?? null) : null,
    kernelRange: round7(range),
    epochs: drawn.map((d) => d.epoch),
    filmstrip: { ...filmstrip.picture, epochs: strip },
  };
  const indexFile = await write(TIMELAPSE_INDEX_PATH, JSON.stringify(index, null, 1), 'timelapse-index', { epochs: epochs.length });
  log(`timelapse: ${frames.length} epochs of ${record.layer} kernels and maps of test image ${record.sample}`);
  return { files: [...drawn.flatMap((d) => d.files), filmstrip.file, indexFile], index };
}
