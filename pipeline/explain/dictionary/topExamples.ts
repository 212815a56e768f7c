// The test images that excite each channel most: every image's per-channel maximum over positions
// (one batched pass over the test set for all layers), then the k largest per channel.
import * as tf from '@tensorflow/tfjs-core';
import type * as tfl from '@tensorflow/tfjs-layers';
import { inputSize, type ModelInput } from '../../model/description';
import { inputTensor } from '../../model/inputTensor';
import { layerOutputs } from './layerOutputs';

/** Per image and channel: the largest activation over positions and where it is (row-major position). */
export interface ChannelPeaks {
  layer: string;
  height: number;
  width: number;
  channels: number;
  count: number;
  /** count × channels, image-major. */
  max: Float32Array;
  argmax: Int32Array;
}

export interface TopExample {
  index: number;
  value: number;
  y: number;
  x: number;
}

/** One pass over `count` images in batches of `batchSize`, reading every layer in `layers` at once. */
export function channelPeaks(model: tfl.LayersModel, images: Float32Array, count: number, layers: readonly string[], batchSize: number, input: ModelInput): ChannelPeaks[] {
  const PIXELS = inputSize(input);
  if (images.length !== count * PIXELS) throw new Error(`channel dictionary: ${count} test images need ${count * PIXELS} pixel values, got ${images.length}`);
  if (count < 1) throw new Error('channel dictionary: the test set is empty');
  let peaks: ChannelPeaks[] = [];
  for (let start = 0; start < count; start += batchSize) {
    const end = Math.min(count, start + batchSize);
    const parts = tf.tidy(() => {
      const x = inputTensor(images.subarray(start * PIXELS, end * PIXELS), end - start, input);
      return layerOutputs(model, x, layers).map((out) => {
        const [n, h, w, c] = out.shape;
        const flat = tf.reshape(out, [n, h * w, c]);
        return { shape: [h, w, c], max: tf.max(flat, 1), argmax: tf.argMax(flat, 1) };
      });
    });
    if (peaks.length === 0) {
      peaks = parts.map(({ shape: [height, width, channels] }, k) => ({
        layer: layers[k], height, width, channels, count, max: new Float32Array(count * channels), argmax: new Int32Array(count * channels),
      }));
    }
    parts.forEach((part, k) => {
      peaks[k].max.set(part.max.dataSync(), start * peaks[k].channels);
      peaks[k].argmax.set(part.argmax.dataSync(), start * peaks[k].channels);
      part.max.dispose();
      part.argmax.dispose();
    });
  }
  return peaks;
}

/** The k images with the largest peak of `channel`, largest first; equal peaks keep test-set order. */
export function topExamples(peaks: ChannelPeaks, channel: number, k: number): TopExample[] {
  const { count, channels, width } = peaks;
  if (!(channel >= 0 && channel < channels)) throw new Error(`channel dictionary: ${peaks.layer} has no channel ${channel} (it has ${channels})`);
  const order = Array.from({ length: count }, (_, i) => i);
  order.sort((a, b) => peaks.max[b * channels + channel] - peaks.max[a * channels + channel] || a - b);
  return order.slice(0, k).map((index) => {
    const position = peaks.argmax[index * channels + channel];
    return { index, value: peaks.max[index * channels + channel], y: Math.floor(position / width), x: position % width };
  });
}
