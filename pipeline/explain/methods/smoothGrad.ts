// SmoothGrad (Smilkov et al., 2017): the gradient map averaged over noisy copies of the image,
// which keeps the structure shared by nearby inputs and averages away the speckle.
import { checkInput, imageValues, mapRows, mapValues, sumChannels } from '../batches';
import { mulberry32 } from '../../train/random';
import { GRADIENT_BATCH, inputGradients } from './gradients';
import type { AttributionMethod } from './types';

export interface SmoothGradOptions {
  samples: number; // noisy copies per image
  noise: number; // σ as a fraction of the image's value range (max − min)
  seed: number;
}

export const SMOOTHGRAD_DEFAULTS: SmoothGradOptions = { samples: 50, noise: 0.15, seed: 42 };

/** Seed from the run seed and the image's own bytes, so an image gets the same noise in any batch. */
export function imageSeed(image: Float32Array, seed: number): number {
  let h = (0x811c9dc5 ^ seed) >>> 0;
  const bytes = new Uint8Array(image.buffer, image.byteOffset, image.byteLength);
  for (const b of bytes) h = Math.imul(h ^ b, 0x01000193) >>> 0;
  return h;
}

/** Standard normal numbers from a uniform generator (Box–Muller). */
export function gaussian(random: () => number): () => number {
  let spare: number | null = null;
  return () => {
    if (spare !== null) {
      const s = spare;
      spare = null;
      return s;
    }
    const u = 1 - random();
    const r = Math.sqrt(-2 * Math.log(u));
    const theta = 2 * Math.PI * random();
    spare = r * Math.sin(theta);
    return r * Math.cos(theta);
  };
}

/** Mean over the noisy copies of |∂score/∂pixel| (the absolute-value variant, matching `gradient`). */
export function smoothGrad(options: Partial<SmoothGradOptions> = {}): AttributionMethod {
  const { samples, noise, seed } = { ...SMOOTHGRAD_DEFAULTS, ...options };
  return (net, input) => {
    const n = checkInput('smoothgrad', input, net.input, net.classes);
    const VALUES = imageValues(net.input);
    // About two backward passes' worth of noisy images per chunk.
    const maps = mapRows(n, Math.max(1, Math.floor((2 * GRADIENT_BATCH) / samples)), mapValues(net.input), (start, end) => {
      const rows = end - start;
      const noisy = new Float32Array(rows * samples * VALUES);
      const targets = new Int32Array(rows * samples);
      for (let r = 0; r < rows; r++) {
        const image = input.images.subarray((start + r) * VALUES, (start + r + 1) * VALUES);
        let lo = Infinity;
        let hi = -Infinity;
        for (const v of image) [lo, hi] = [Math.min(lo, v), Math.max(hi, v)];
        const sigma = noise * (hi - lo);
        const normal = gaussian(mulberry32(imageSeed(image, seed)));
        for (let k = 0; k < samples; k++) {
          const o = (r * samples + k) * VALUES;
          for (let p = 0; p < VALUES; p++) noisy[o + p] = image[p] + sigma * normal();
          targets[r * samples + k] = input.targets[start + r];
        }
      }
      const grads = inputGradients(net, noisy, targets);
      const out = new Float32Array(rows * VALUES);
      for (let i = 0; i < grads.length; i++) out[Math.floor(i / (samples * VALUES)) * VALUES + (i % VALUES)] += Math.abs(grads[i]) / samples;
      return sumChannels(out, net.input.channels);
    });
    return { maps };
  };
}
