import { describe, expect, it } from 'vitest';
import { gunzipSync, gzipSync } from 'node:zlib';
import { decodeTimelapse, encodeTimelapse, TIMELAPSE_DATA_PATH, TIMELAPSE_RECORD_FORMAT, TIMELAPSE_RECORD_PATH } from '../../pipeline/train/timelapseRecord';
import type { TimelapseFrame } from '../../pipeline/train/timelapse';

const META = { layer: 'conv2d', sample: 51, kernelShape: [3, 3, 1, 2], mapShape: [2, 3, 2] };

function frame(epoch: number): TimelapseFrame {
  return {
    epoch,
    kernel: Float32Array.from({ length: 18 }, (_, i) => Math.sin(i + epoch) / 3),
    // Channel 0 varies, channel 1 is constant (a dead ReLU channel).
    maps: Float32Array.from({ length: 12 }, (_, i) => (i % 2 === 0 ? (i * epoch) / 7 : 0.25)),
  };
}

describe('timelapse record', () => {
  it('gives back the kernels exactly and each map value to within 1/510 of its channel range', () => {
    const frames = [frame(0), frame(1), frame(2)];
    const { index, data } = encodeTimelapse(frames, META);
    expect(index.frames.map((f) => f.epoch)).toEqual([0, 1, 2]);
    const decoded = decodeTimelapse(JSON.parse(JSON.stringify(index)), data);
    decoded.forEach((d, f) => {
      expect(d.kernel).toEqual(frames[f].kernel);
      const [min, max] = index.frames[f].mapRanges[0];
      d.maps.forEach((v, i) => expect(Math.abs(v - frames[f].maps[i])).toBeLessThanOrEqual((max - min) / 510 + 1e-6));
    });
    expect(Array.from(decoded[1].maps.filter((_, i) => i % 2 === 1))).toEqual([0.25, 0.25, 0.25, 0.25, 0.25, 0.25]);
  });

  it('refuses a frame of the wrong size, and a record whose data does not match its index', () => {
    expect(() => encodeTimelapse([{ ...frame(0), maps: new Float32Array(5) }], META)).toThrow('frame of epoch 0 has 18 kernel and 5 map values, expected 18 and 12');
    const { index, data } = encodeTimelapse([frame(0), frame(1)], META);
    expect(() => decodeTimelapse({ ...index, frames: index.frames.slice(0, 1) }, data)).toThrow('retrain with --force');
    expect(() => decodeTimelapse({ ...index, format: 'other' as never }, data)).toThrow("has format 'other'");
  });

  it('names its format, data file and encoding in the index', () => {
    const { index } = encodeTimelapse([frame(0)], META);
    expect([TIMELAPSE_RECORD_FORMAT, TIMELAPSE_RECORD_PATH, TIMELAPSE_DATA_PATH]).toEqual(['cnn-hidden-truth/timelapse-record@1', 'timelapse/record.json', 'timelapse/record.bin.gz']);
    expect(index).toMatchObject({ format: TIMELAPSE_RECORD_FORMAT, data: TIMELAPSE_DATA_PATH, layer: 'conv2d', sample: 51 });
    expect(index.encoding).toBe('gzip; per frame: 18 float32 little-endian kernel values, then 12 uint8 map levels (channels last), value = min + level / 255 · (max − min) of its channel');
  });

  it('stretches each channel between its own minimum and maximum, wherever they lie and whatever their sign', () => {
    // Channels last: channel 0 is 3, 5, 4, 2 (its maximum is not the last value), channel 1 is -1, -3, -2, -1.5.
    const maps = Float32Array.from([3, -1, 5, -3, 4, -2, 2, -1.5]);
    const meta = { layer: 'conv2d', sample: 0, kernelShape: [1, 1, 1, 2], mapShape: [2, 2, 2] };
    const { index, data } = encodeTimelapse([{ epoch: 4, kernel: Float32Array.from([0.5, -0.5]), maps }], meta);
    expect(index.frames).toEqual([{ epoch: 4, offset: 0, mapRanges: [[2, 5], [-3, -1]] }]);
    expect(Array.from(gunzipSync(data).subarray(8))).toEqual([85, 255, 255, 0, 170, 128, 0, 191]);
    const [decoded] = decodeTimelapse(index, data);
    decoded.maps.forEach((v, i) => expect(v).toBeCloseTo(maps[i], 2));
  });

  it('compresses the record as tightly as gzip can', () => {
    const frames = Array.from({ length: 4 }, (_, e) => ({
      epoch: e,
      kernel: Float32Array.from({ length: 18 }, (_, i) => Math.cos(i * e)),
      maps: Float32Array.from({ length: 26 * 26 * 8 }, (_, i) => ((i * 37 + e * 11) % 101) / 100 + ((i >> 5) % 3)),
    }));
    const { data } = encodeTimelapse(frames, { layer: 'conv2d', sample: 0, kernelShape: [3, 3, 1, 2], mapShape: [26, 26, 8] });
    expect(data.length).toBe(gzipSync(gunzipSync(data), { level: 9 }).length);
  });

  it('refuses a frame whose kernel has the wrong size, and says how many bytes the index describes', () => {
    expect(() => encodeTimelapse([{ ...frame(2), kernel: new Float32Array(9) }], META)).toThrow('frame of epoch 2 has 9 kernel and 12 map values, expected 18 and 12');
    const { index, data } = encodeTimelapse([frame(0), frame(1)], META);
    // Each frame is 18 float32 (72 bytes) plus 12 map levels.
    expect(() => decodeTimelapse({ ...index, frames: index.frames.slice(0, 1) }, data)).toThrow('timelapse: timelapse/record.bin.gz holds 168 bytes, timelapse/record.json describes 84; retrain with --force.');
  });
});
