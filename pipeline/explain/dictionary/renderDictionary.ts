// Pictures of the dictionary: example strips with the receptive field outlined, optimised images
// and first-layer kernels. Pure painting into RGBA; encoding and writing happen in the caller.
import { fillRgba, paintTile } from '../../../shared/drawing/paintLayerGrid';
import { IMAGE_SIZE } from '../../model/createModel';
import { divergingLevel, divergingPalette } from '../../visualize/diverging';
import { greyLevel, greyPalette } from '../../visualize/digitImage';
import type { ChannelExample } from './channelsIndex';

export interface Rgba {
  rgba: Uint8ClampedArray;
  width: number;
  height: number;
}

/** Outline colour of a receptive field: orange stands out on the grey digits. */
export const FIELD_RGB: [number, number, number] = [255, 127, 14];
const GAP = 2;
const PIXELS = IMAGE_SIZE * IMAGE_SIZE;

function greyLevels(pixels: ArrayLike<number>): Uint8Array {
  return Uint8Array.from({ length: pixels.length }, (_, i) => greyLevel(pixels[i]));
}

/** A 28 × 28 input (values 0–1) in grey at its own size. */
export function paintInput(pixels: ArrayLike<number>): Rgba {
  if (pixels.length !== PIXELS) throw new Error(`paintInput: expected ${PIXELS} pixels, got ${pixels.length}`);
  const rgba = new Uint8ClampedArray(PIXELS * 4);
  paintTile(rgba, IMAGE_SIZE, 0, 0, greyLevels(pixels), IMAGE_SIZE, IMAGE_SIZE, 1, greyPalette());
  return { rgba, width: IMAGE_SIZE, height: IMAGE_SIZE };
}

function outline(img: Rgba, x0: number, y0: number, x1: number, y1: number): void {
  const put = (x: number, y: number) => img.rgba.set([...FIELD_RGB, 255], (y * img.width + x) * 4);
  for (let x = x0; x <= x1; x++) [put(x, y0), put(x, y1)];
  for (let y = y0; y <= y1; y++) [put(x0, y), put(x1, y)];
}

/** The examples side by side at `scale`, white gaps between, each with its box outlined on the box's edge pixels. */
export function paintStrip(testImages: Float32Array, examples: readonly ChannelExample[], scale: number): Rgba {
  const side = IMAGE_SIZE * scale;
  const width = examples.length * side + (examples.length - 1) * GAP;
  const img: Rgba = { rgba: new Uint8ClampedArray(width * side * 4), width, height: side };
  fillRgba(img.rgba, [255, 255, 255]);
  examples.forEach(({ index, box: [x0, y0, x1, y1] }, k) => {
    const left = k * (side + GAP);
    paintTile(img.rgba, width, left, 0, greyLevels(testImages.subarray(index * PIXELS, (index + 1) * PIXELS)), IMAGE_SIZE, IMAGE_SIZE, scale, greyPalette());
    outline(img, left + x0 * scale, y0 * scale, left + (x1 + 1) * scale - 1, (y1 + 1) * scale - 1);
  });
  return img;
}

/** A k × k kernel on the symmetric range ±maxAbs (blue negative, red positive), `scale` pixels per weight. */
export function paintKernel(values: readonly number[], maxAbs: number, scale: number): Rgba {
  const k = Math.round(Math.sqrt(values.length));
  if (k * k !== values.length) throw new Error(`paintKernel: ${values.length} weights do not make a square kernel`);
  const width = k * scale;
  const rgba = new Uint8ClampedArray(width * width * 4);
  paintTile(rgba, width, 0, 0, Uint8Array.from(values, (v) => divergingLevel(v, maxAbs)), k, k, scale, divergingPalette());
  return { rgba, width, height: width };
}
