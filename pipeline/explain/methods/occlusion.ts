// Occlusion (Zeiler & Fergus, 2014): cover a patch of the image with black and see how much the
// probability of the class falls. No gradients at all: only forward passes, one per patch position.
import { checkInput, mapRows, PIXELS } from '../batches';
import type { LogitNet } from '../logitNet';
import { probabilitiesOf } from './gradients';
import type { AttributionMethod } from './types';

export interface OcclusionOptions {
  patch: number; // square side in pixels
  stride: number;
}

export const OCCLUSION_DEFAULTS: OcclusionOptions = { patch: 4, stride: 2 };

/** Top-left corners of every patch position on a size × size image. */
export function patchOrigins(size: number, { patch, stride }: OcclusionOptions): number[] {
  const origins: number[] = [];
  for (let o = 0; o + patch <= size; o += stride) origins.push(o);
  return origins;
}

type Window = { x: number; y: number };

/** Probabilities of the image itself (row 0) and of each occluded copy (row w + 1). */
function occludedProbabilities(net: LogitNet, image: Float32Array, windows: Window[], patch: number): Float32Array {
  const batch = new Float32Array((windows.length + 1) * PIXELS);
  batch.set(image, 0);
  windows.forEach(({ x, y }, w) => {
    const o = (w + 1) * PIXELS;
    batch.set(image, o);
    for (let dy = 0; dy < patch; dy++) batch.fill(0, o + (y + dy) * 28 + x, o + (y + dy) * 28 + x + patch);
  });
  return probabilitiesOf(net, batch, windows.length + 1);
}

/**
 * Each pixel gets the mean drop in the target's probability over the patches that cover it
 * (positive: hiding it lowers the probability, so it supported the class).
 */
export function occlusion(options: Partial<OcclusionOptions> = {}): AttributionMethod {
  const opts = { ...OCCLUSION_DEFAULTS, ...options };
  const origins = patchOrigins(28, opts);
  const windows = origins.flatMap((y) => origins.map((x) => ({ x, y })));
  return (net, input) => {
    const n = checkInput('occlusion', input);
    let previous: { image: Float32Array; probs: Float32Array } | undefined;
    const maps = mapRows(n, 1, PIXELS, (start) => {
      const image = input.images.subarray(start * PIXELS, (start + 1) * PIXELS);
      const target = input.targets[start];
      // A misclassified image is explained for two classes in a row: one forward pass serves both.
      const same = previous !== undefined && previous.image.every((v, p) => v === image[p]);
      const probs = same && previous ? previous.probs : occludedProbabilities(net, image, windows, opts.patch);
      previous = { image, probs };
      const classes = probs.length / (windows.length + 1);
      const sum = new Float32Array(PIXELS);
      const count = new Float32Array(PIXELS);
      windows.forEach(({ x, y }, w) => {
        const drop = probs[target] - probs[(w + 1) * classes + target];
        for (let dy = 0; dy < opts.patch; dy++) {
          for (let dx = 0; dx < opts.patch; dx++) {
            sum[(y + dy) * 28 + x + dx] += drop;
            count[(y + dy) * 28 + x + dx] += 1;
          }
        }
      });
      return sum.map((s, p) => (count[p] > 0 ? s / count[p] : 0));
    });
    return { maps };
  };
}
