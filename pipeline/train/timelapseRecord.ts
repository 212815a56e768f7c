// The timelapse record on disk: one gzipped binary with every frame and a JSON index. Training writes
// it; the drawing stage reads it (also when a redraw reuses the training files).
import { gunzipSync, gzipSync } from 'node:zlib';
import type { TimelapseFrame } from './timelapse';

export const TIMELAPSE_RECORD_FORMAT = 'cnn-hidden-truth/timelapse-record@1';
export const TIMELAPSE_RECORD_PATH = 'timelapse/record.json';
export const TIMELAPSE_DATA_PATH = 'timelapse/record.bin.gz';

/** timelapse/record.json (kind 'timelapse-record-index'). */
export interface TimelapseRecordIndex {
  format: typeof TIMELAPSE_RECORD_FORMAT;
  layer: string;
  /** Test-set index of the image whose feature maps are recorded. */
  sample: number;
  kernelShape: number[];
  /** height, width, channels */
  mapShape: number[];
  data: string;
  encoding: string;
  /** Per frame: where it starts in the unzipped data, and each channel's [min, max] for the map levels. */
  frames: { epoch: number; offset: number; mapRanges: [number, number][] }[];
}

/** Bytes of one frame: the kernel as float32 (exact), then the maps as one byte per value. */
const frameBytes = (kernelSize: number, mapSize: number) => kernelSize * 4 + mapSize;

/**
 * Kernels stay exact (float32: they are what the timelapse is about, and a test compares them with the
 * weights). Maps are quantised to 8 bits between each channel's min and max: the drawing stretches each
 * channel by its own spread anyway, so a level is about one 256th of what a tile can show.
 */
export function encodeTimelapse(frames: readonly TimelapseFrame[], meta: Pick<TimelapseRecordIndex, 'layer' | 'sample' | 'kernelShape' | 'mapShape'>): { index: TimelapseRecordIndex; data: Uint8Array } {
  const kernelSize = meta.kernelShape.reduce((a, b) => a * b, 1);
  const mapSize = meta.mapShape.reduce((a, b) => a * b, 1);
  const channels = meta.mapShape[2];
  const raw = new Uint8Array(frames.length * frameBytes(kernelSize, mapSize));
  const index: TimelapseRecordIndex = {
    format: TIMELAPSE_RECORD_FORMAT, ...meta, data: TIMELAPSE_DATA_PATH,
    encoding: `gzip; per frame: ${kernelSize} float32 little-endian kernel values, then ${mapSize} uint8 map levels (channels last), value = min + level / 255 · (max − min) of its channel`,
    frames: [],
  };
  frames.forEach((frame, f) => {
    if (frame.kernel.length !== kernelSize || frame.maps.length !== mapSize) {
      throw new Error(`timelapse: frame of epoch ${frame.epoch} has ${frame.kernel.length} kernel and ${frame.maps.length} map values, expected ${kernelSize} and ${mapSize}`);
    }
    const offset = f * frameBytes(kernelSize, mapSize);
    const view = new DataView(raw.buffer, offset, kernelSize * 4);
    frame.kernel.forEach((v, i) => view.setFloat32(i * 4, v, true));
    const ranges: [number, number][] = Array.from({ length: channels }, () => [Infinity, -Infinity]);
    frame.maps.forEach((v, i) => {
      const r = ranges[i % channels];
      if (v < r[0]) r[0] = v;
      if (v > r[1]) r[1] = v;
    });
    const levels = raw.subarray(offset + kernelSize * 4, offset + frameBytes(kernelSize, mapSize));
    frame.maps.forEach((v, i) => {
      const [min, max] = ranges[i % channels];
      levels[i] = max > min ? Math.round(((v - min) / (max - min)) * 255) : 0;
    });
    // float32 bounds, so decoding gives the same value wherever it runs.
    index.frames.push({ epoch: frame.epoch, offset, mapRanges: ranges.map(([a, b]) => [Math.fround(a), Math.fround(b)]) });
  });
  return { index, data: gzipSync(raw, { level: 9 }) };
}

/** The frames back from the record; the maps as their 8-bit approximation. */
export function decodeTimelapse(index: TimelapseRecordIndex, data: Uint8Array): TimelapseFrame[] {
  if (index.format !== TIMELAPSE_RECORD_FORMAT) {
    throw new Error(`timelapse: ${TIMELAPSE_RECORD_PATH} has format '${String(index.format)}', expected '${TIMELAPSE_RECORD_FORMAT}'; retrain with --force.`);
  }
  const raw = gunzipSync(data);
  const kernelSize = index.kernelShape.reduce((a, b) => a * b, 1);
  const mapSize = index.mapShape.reduce((a, b) => a * b, 1);
  const channels = index.mapShape[2];
  if (raw.length !== index.frames.length * frameBytes(kernelSize, mapSize)) {
    throw new Error(`timelapse: ${index.data} holds ${raw.length} bytes, ${TIMELAPSE_RECORD_PATH} describes ${index.frames.length * frameBytes(kernelSize, mapSize)}; retrain with --force.`);
  }
  return index.frames.map(({ epoch, offset, mapRanges }) => {
    const view = new DataView(raw.buffer, raw.byteOffset + offset, kernelSize * 4);
    const kernel = Float32Array.from({ length: kernelSize }, (_, i) => view.getFloat32(i * 4, true));
    const levels = raw.subarray(offset + kernelSize * 4, offset + frameBytes(kernelSize, mapSize));
    const maps = Float32Array.from(levels, (level, i) => {
      const [min, max] = mapRanges[i % channels];
      return min + (level / 255) * (max - min);
    });
    return { epoch, kernel, maps };
  });
}
