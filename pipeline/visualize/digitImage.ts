// An input digit as the network sees it: 28×28 intensities in [0, 1], drawn in grey
// (0 black, 1 white, as MNIST stores it) and upscaled with nearest neighbour.
import { paintTile } from '../../shared/drawing/paintLayerGrid';

export const INPUT_SCALE = 4; // 112 px: the digit beside its feature maps
export const THUMB_SCALE = 3; // 84 px: gallery and misclassified thumbnails

export function greyPalette(): Uint8Array {
  return Uint8Array.from({ length: 256 * 3 }, (_, i) => Math.floor(i / 3));
}

/** The 8-bit grey level of an intensity in [0, 1] (clamped). */
export function greyLevel(intensity: number): number {
  return Math.min(255, Math.max(0, Math.round(intensity * 255)));
}

export function paintDigit(
  pixels: ArrayLike<number>,
  size: number,
  scale: number,
): { rgba: Uint8ClampedArray; width: number; height: number } {
  if (pixels.length !== size * size) throw new Error(`paintDigit: expected ${size}×${size} pixels, got ${pixels.length}`);
  const levels = Uint8Array.from({ length: size * size }, (_, i) => greyLevel(pixels[i]));
  const width = size * scale;
  const rgba = new Uint8ClampedArray(width * width * 4);
  paintTile(rgba, width, 0, 0, levels, size, size, scale, greyPalette());
  return { rgba, width, height: width };
}
