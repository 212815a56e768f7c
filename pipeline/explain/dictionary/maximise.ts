// Activation maximisation: gradient ascent on the input image. Many objectives run at once, one
// image per objective in a batch, so a whole layer's channels cost one pass per step.
import * as tf from '@tensorflow/tfjs-core';
import { inputSize, type ModelInput } from '../../model/description';
import { mulberry32 } from '../../train/random';

export interface AscentSettings {
  steps: number;
  /** Each step moves every image by this times its gradient scaled to unit RMS. */
  stepSize: number;
  /** Weight of the penalty mean(x²), which keeps pixels that do not help dark. */
  l2: number;
  /** The gradient is taken at the image shifted by up to this many pixels (a fresh shift each step). */
  jitter: number;
  /** After each step the image moves this far towards its 3×3 Gaussian blur (0: no blur). */
  blur: number;
  /** Starting images: uniform noise in [0, noise). */
  noise: number;
  seed: number;
}

/** Per-image objectives: [0, 1] images n × h × w × c → n values, image i scored by objective i. */
export type BatchObjective = (images: tf.Tensor4D) => tf.Tensor1D;

export interface AscentResult {
  /** n × h × w × c optimised pixels in [0, 1]. */
  images: Float32Array;
  /** Each objective at the starting noise and at the final image (without jitter). */
  start: Float32Array;
  final: Float32Array;
}

/** Moves the content by (dx, dy) pixels; what enters at the edges is 0. */
function shift(x: tf.Tensor4D, dx: number, dy: number, pad: number): tf.Tensor4D {
  const padded = tf.pad(x, [[0, 0], [pad, pad], [pad, pad], [0, 0]]);
  return tf.slice(padded, [0, pad - dy, pad - dx, 0], x.shape);
}

/** A normalised 3×3 Gaussian blur of each channel: dividing by the blur of ones keeps the edges from darkening. */
function blurrer({ height, width, channels }: ModelInput): { blur: (x: tf.Tensor4D) => tf.Tensor4D; dispose: () => void } {
  const g = [1, 2, 1];
  const taps = g.flatMap((a) => g.map((b) => (a * b) / 16));
  const kernel = tf.tensor4d(taps.flatMap((t) => new Array<number>(channels).fill(t)), [3, 3, channels, 1]);
  // One channel: the plain convolution the tutorial's images were made with; several: each channel on its own.
  const convolve = (x: tf.Tensor4D) => (channels === 1 ? tf.conv2d(x, kernel, 1, 'same') : tf.depthwiseConv2d(x, kernel, 1, 'same'));
  const weight = tf.tidy(() => convolve(tf.ones([1, height, width, channels]) as tf.Tensor4D));
  return { blur: (x) => tf.div(convolve(x), weight), dispose: () => tf.dispose([kernel, weight]) };
}

export function checkAscentSettings(s: AscentSettings): void {
  const bad = Object.entries({ steps: s.steps, stepSize: s.stepSize, l2: s.l2, jitter: s.jitter, blur: s.blur, noise: s.noise })
    .filter(([, v]) => !(Number.isFinite(v) && v >= 0))
    .map(([k, v]) => `${k}=${v}`);
  if (bad.length > 0 || !Number.isInteger(s.steps) || !Number.isInteger(s.jitter) || s.blur > 1 || s.noise > 1) {
    throw new Error(`activation maximisation: invalid settings (${bad.join(', ') || 'steps and jitter must be whole numbers, blur and noise at most 1'})`);
  }
}

/** Gradient ascent for `n` objectives at once from seeded noise, over images of `input`'s size; the result is clipped to the pixel range [0, 1]. */
export function ascend(objective: BatchObjective, n: number, settings: AscentSettings, input: ModelInput): AscentResult {
  checkAscentSettings(settings);
  const { steps, stepSize, l2, jitter, blur, noise, seed } = settings;
  const random = mulberry32(seed);
  const size = n * inputSize(input);
  let x = tf.tensor4d(Float32Array.from({ length: size }, () => random() * noise), [n, input.height, input.width, input.channels]);
  const blurOf = blurrer(input);
  const score = (images: tf.Tensor4D) => tf.sub(tf.sum(objective(images)), tf.mul(l2 * n, tf.mean(tf.square(images)))) as tf.Scalar;
  const gradient = tf.grad((images: tf.Tensor) => score(images as tf.Tensor4D));
  const start = tf.tidy(() => Float32Array.from(objective(x).dataSync()));
  for (let step = 0; step < steps; step++) {
    const dx = Math.floor(random() * (2 * jitter + 1)) - jitter;
    const dy = Math.floor(random() * (2 * jitter + 1)) - jitter;
    const next = tf.tidy(() => {
      // The gradient at the shifted image, shifted back: the image must work at every small offset.
      const g = shift(gradient(shift(x, dx, dy, jitter)) as tf.Tensor4D, -dx, -dy, jitter);
      const rms = tf.sqrt(tf.add(tf.mean(tf.square(g), [1, 2, 3], true), 1e-12));
      let moved = tf.clipByValue(tf.add(x, tf.mul(stepSize, tf.div(g, rms))), 0, 1) as tf.Tensor4D;
      if (blur > 0) moved = tf.add(tf.mul(1 - blur, moved), tf.mul(blur, blurOf.blur(moved)));
      return moved;
    });
    x.dispose();
    x = next;
  }
  const final = tf.tidy(() => Float32Array.from(objective(x).dataSync()));
  const images = Float32Array.from(x.dataSync());
  x.dispose();
  blurOf.dispose();
  return { images, start, final };
}
