import { describe, expect, it } from 'vitest';
import { decodeTimelapse, encodeTimelapse } from '../../pipeline/train/timelapseRecord';
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
});
