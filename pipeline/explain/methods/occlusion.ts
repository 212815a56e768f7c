// Occlusion (Zeiler & Fergus, 2014): cover a patch of the image with black and see how much the
// probability of the class falls. No gradients at all: only forward passes, one per patch position.
import { checkInput, imageValues, mapRows, mapValues } from '../batches';
import type { LogitNet } from '../logitNet';
import { probabilitiesOf } from './gradients';
import type { AttributionMethod } from './types';

export interface OcclusionOptions {
  patch: number; // square side in pixels
  stride: number;
}

export const OCCLUSION_DEFAULTS: OcclusionOptions = { patch: 4, stride: 2 };

/** Top-left corners of every patch position along a side of `size` pixels. */
export function patchOrigins(size: number, { patch, stride }: OcclusionOptions): number[] {
  const origins: number[] = [];
  for (let o = 0; o + patch <= size; o += stride) origins.push(o);
  return origins;
}

type Window = { x: number; y: number };

/** Probabilities of the image itself (row 0) and of each occluded copy (row w + 1). */
function occludedProbabilities(net: LogitNet, image: Float32Array, windows: Window[], patch: number): Float32Array {
  const size = imageValues(net.input);
  const { width, channels } = net.input;
  const batch = new Float32Array((windows.length + 1) * size);
  batch.set(image, 0);
  windows.forEach(({ x, y }, w) => {
    const o = (w + 1) * size;
    batch.set(image, o);
    // Every channel of the covered pixels (channels last).
    for (let dy = 0; dy < patch; dy++) batch.fill(0, o + ((y + dy) * width + x) * channels, o + ((y + dy) * width + x + patch) * channels);
  });
  return probabilitiesOf(net, batch, windows.length + 1);
}

/**
 * Each pixel gets the mean drop in the target's probability over the patches that cover it
 * (positive: hiding it lowers the probability, so it supported the class).
 */
export function occlusion(options: Partial<OcclusionOptions> = {}): AttributionMethod {
  const opts = { ...OCCLUSION_DEFAULTS, ...options };
  return (net, input) => {
    const n = checkInput('occlusion', input, net.input, net.classes);
    const { width } = net.input;
    const [rows, cols] = [patchOrigins(net.input.height, opts), patchOrigins(width, opts)];
    const windows = rows.flatMap((y) => cols.map((x) => ({ x, y })));
    const size = imageValues(net.input);
    const pixels = mapValues(net.input);
    let previous: { image: Float32Array; probs: Float32Array } | undefined;
    const maps = mapRows(n, 1, pixels, (start) => {
      const image = input.images.subarray(start * size, (start + 1) * size);
      const target = input.targets[start];
      // A misclassified image is explained for two classes in a row: one forward pass serves both.
      const same = previous !== undefined && previous.image.every((v, p) => v === image[p]);
      const probs = same && previous ? previous.probs : occludedProbabilities(net, image, windows, opts.patch);
      previous = { image, probs };
      const classes = probs.length / (windows.length + 1);
      const sum = new Float32Array(pixels);
      const count = new Float32Array(pixels);
      windows.forEach(({ x, y }, w) => {
        const drop = probs[target] - probs[(w + 1) * classes + target];
        for (let dy = 0; dy < opts.patch; dy++) {
          for (let dx = 0; dx < opts.patch; dx++) {
            sum[(y + dy) * width + x + dx] += drop;
            count[(y + dy) * width + x + dx] += 1;
          }
        }
      });
      return sum.map((s, p) => (count[p] > 0 ? s / count[p] : 0));
    });
    return { maps };
  };
}
