// The channel dictionary's fixed settings, in one place (the site quotes them from channels.json).
import type { AscentSettings } from './maximise';

export const TOP_K = 9;
/** Test images per forward pass when searching for the examples. */
export const SEARCH_BATCH = 250;
/** Example strips: input images (28 pixels for MNIST) drawn at twice their size, so the outlines stay visible. */
export const STRIP_SCALE = 2;
/** The first layer's 3 × 3 kernels drawn at 16 pixels per weight. */
export const KERNEL_SCALE = 16;

export function ascentSettings(seed: number, preset: 'seed' | 'quick'): AscentSettings {
  // The quick preset is a preview: fewer steps give rougher images in a fraction of the time.
  return { steps: preset === 'quick' ? 48 : 128, stepSize: 0.05, l2: 0.05, jitter: 1, blur: 0.1, noise: 0.1, seed };
}
