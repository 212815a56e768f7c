// The distributions' part of the artifact contract: explain/distributions.json (kind 'distributions'),
// written by runDistributions, read by the site's charts.
import type { LayerActivationStats } from './activations';
import type { LayerWeights } from './weights';

export const DISTRIBUTIONS_PATH = 'explain/distributions.json';

/** The ReLU layers whose outputs are counted; the convolutions' channels are the ones the site's dictionary names. */
export const ACTIVATION_LAYERS = ['conv2d', 'conv2d_1', 'conv2d_2', 'dense'] as const;
export const CONV_LAYERS = ['conv2d', 'conv2d_1', 'conv2d_2'] as const;
export const WEIGHT_BINS = 48;
/** Positive activations: up to this many bins (at least half are used, see positiveHistogram). */
export const ACTIVATION_BINS = 64;
/** A channel dead on at least this share of the test images counts as mostly dead. */
export const MOSTLY_DEAD = 0.9;

export interface DistributionsIndex {
  format: 'cnn-hidden-truth/distributions@1';
  /** Test images the activations were counted over, and the seed the initial weights were rebuilt from. */
  images: number;
  seed: number;
  weights: LayerWeights[];
  activations: LayerActivationStats[];
  mostlyDead: number;
}

/** Names the stage adds to `Manifest.metrics` (what `:metric{name=…}` accepts). */
export const DISTRIBUTION_METRIC_NAMES = [
  'conv_channels', // convolution channels counted (32 + 64 + 128)
  'never_active_channels', // convolution channels that are 0 on every test image
  'mostly_dead_channels', // convolution channels 0 on at least MOSTLY_DEAD of the test images
  'mostly_dead_threshold', // MOSTLY_DEAD, the setting the prose quotes
  'embedding_dead_units', // units of the embedding layer (the last hidden dense) that are 0 on every test image
  'first_conv_zero_share', // share of the first convolution's outputs (images × positions × channels) that are exactly 0
  'last_conv_zero_share', // the same for the last convolution
  'distributions_seconds',
] as const;
