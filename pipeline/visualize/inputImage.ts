// An input image as the network sees it: height × width × channels intensities in [0, 1], drawn in
// grey for one channel (0 black, 1 white, as MNIST stores it) or as RGB for three, upscaled with
// nearest neighbour.
import { paintTile } from '../../shared/drawing/paintLayerGrid';

export const INPUT_SCALE = 4; // 112 px for a 28-pixel image: the input beside its feature maps
export const THUMB_SCALE = 3; // 84 px for a 28-pixel image: gallery, misclassified and class-example thumbnails

export function greyPalette(): Uint8Array {
  return Uint8Array.from({ length: 256 * 3 }, (_, i) => Math.floor(i / 3));
}

/** The 8-bit grey level of an intensity in [0, 1] (clamped). */
export function greyLevel(intensity: number): number {
  return Math.min(255, Math.max(0, Math.round(intensity * 255)));
}

/** An image's size: a number is a square one-channel image of that side. */
export type ImageShape = number | { height: number; width: number; channels: number };

export function paintInput(
  pixels: ArrayLike<number>,
  shape: ImageShape,
  scale: number,
): { rgba: Uint8ClampedArray; width: number; height: number } {
  const { height: h, width: w, channels } = typeof shape === 'number' ? { height: shape, width: shape, channels: 1 } : shape;
  if (pixels.length !== h * w * channels) throw new Error(`paintInput: expected ${h}×${w}×${channels} pixel values, got ${pixels.length}`);
  const width = w * scale;
  const height = h * scale;
  const rgba = new Uint8ClampedArray(width * height * 4);
  if (channels === 1) {
    const levels = Uint8Array.from({ length: h * w }, (_, i) => greyLevel(pixels[i]));
    paintTile(rgba, width, 0, 0, levels, h, w, scale, greyPalette());
    return { rgba, width, height };
  }
  // Colour: the first three channels as red, green and blue (two channels: the mean as grey).
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const p = (Math.floor(y / scale) * w + Math.floor(x / scale)) * channels;
      const o = (y * width + x) * 4;
      if (channels >= 3) [0, 1, 2].forEach((k) => (rgba[o + k] = greyLevel(pixels[p + k])));
      else rgba.fill(greyLevel((pixels[p] + pixels[p + 1]) / 2), o, o + 3);
      rgba[o + 3] = 255;
    }
  }
  return { rgba, width, height };
}

/** White pixels between two images of a strip, so images with dark edges stay apart. */
export const STRIP_GAP = 2;

/**
 * Test images side by side, STRIP_GAP white pixels between them, each at `scale`: the class examples of the
 * data's description and the channel dictionary's strongest examples.
 */
export function paintInputStrip(images: Float32Array, indices: readonly number[], input: { height: number; width: number; channels: number }, scale: number): { rgba: Uint8ClampedArray; width: number; height: number } {
  if (indices.length === 0) throw new Error('paintInputStrip: no images to draw');
  const values = input.height * input.width * input.channels;
  const [tileWidth, height] = [input.width * scale, input.height * scale];
  const width = indices.length * tileWidth + (indices.length - 1) * STRIP_GAP;
  const rgba = new Uint8ClampedArray(width * height * 4).fill(255);
  indices.forEach((index, k) => {
    const tile = paintInput(images.subarray(index * values, (index + 1) * values), input, scale);
    const left = k * (tileWidth + STRIP_GAP);
    for (let y = 0; y < height; y++) rgba.set(tile.rgba.subarray(y * tileWidth * 4, (y + 1) * tileWidth * 4), (y * width + left) * 4);
  });
  return { rgba, width, height };
}
