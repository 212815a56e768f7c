// Activation histograms over the test set and, per channel, the share of test images on which it is
// dead (zero at every position). One batched pass through the ReLU layers; nothing is kept but counts.
import * as tf from '@tensorflow/tfjs-core';
import type * as tfl from '@tensorflow/tfjs-layers';
import { inputSize, type ModelInput } from '../../model/description';
import { inputTensor } from '../../model/inputTensor';
import { createActivationModel } from '../../visualize/activationModel';
import type { Histogram } from './histogram';
import { positiveHistogram } from './histogram';

export interface LayerActivationStats {
  layer: string;
  /** Values seen (images × positions × channels), how many were exactly 0, and the largest. */
  total: number;
  zeros: number;
  max: number;
  /** Histogram of the positive values. */
  positive: Histogram;
  /** Per channel: share of test images on which it is 0 at every position. */
  deadShare: number[];
}

export interface ActivationInput {
  images: Float32Array; // count × h × w × c, values 0–1
  count: number;
}

/** Runs `layers` (ReLU outputs, 4-D maps or 2-D units) over every image in batches of `batchSize`. */
export function activationDistributions(model: tfl.LayersModel, { images, count }: ActivationInput, layers: readonly string[], bins: number, input: ModelInput, batchSize = 250): LayerActivationStats[] {
  const PIXELS = inputSize(input);
  if (images.length !== count * PIXELS) throw new Error(`activation distributions: ${count} images need ${count * PIXELS} pixel values, got ${images.length}`);
  if (count < 1) throw new Error('activation distributions: no test images');
  // Shares the trained layers: not disposed (see createActivationModel).
  const net = createActivationModel(model, layers);
  const histograms = layers.map(() => positiveHistogram(bins));
  const dead: Float64Array[] = [];
  for (let start = 0; start < count; start += batchSize) {
    const n = Math.min(batchSize, count - start);
    const outputs = tf.tidy(() => {
      const result = net.predict(inputTensor(images.subarray(start * PIXELS, (start + n) * PIXELS), n, input));
      return Array.isArray(result) ? result : [result];
    });
    try {
      outputs.forEach((t, l) => {
        const channels = t.shape[t.shape.length - 1] as number;
        const values = t.dataSync() as Float32Array;
        histograms[l].add(values);
        dead[l] ??= new Float64Array(channels);
        countDead(values, n, channels, dead[l]);
      });
    } finally {
      tf.dispose(outputs);
    }
  }
  return layers.map((layer, l) => {
    const { histogram, zeros, total, max } = histograms[l].result();
    return { layer, total, zeros, max, positive: histogram, deadShare: Array.from(dead[l], (d) => d / count) };
  });
}

/** Adds 1 to dead[c] for every image whose channel c is 0 everywhere (values: n × positions × channels). */
export function countDead(values: Float32Array, n: number, channels: number, dead: Float64Array): void {
  const perImage = values.length / n;
  const active = new Uint8Array(channels);
  for (let i = 0; i < n; i++) {
    active.fill(0);
    const end = (i + 1) * perImage;
    for (let j = i * perImage, c = 0; j < end; j++, c = c + 1 === channels ? 0 : c + 1) if (values[j] > 0) active[c] = 1;
    for (let c = 0; c < channels; c++) if (!active[c]) dead[c]++;
  }
}
