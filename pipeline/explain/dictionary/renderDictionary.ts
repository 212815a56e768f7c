// Pictures of the dictionary: example strips with the receptive field outlined, optimised images
// and first-layer kernels. Pure painting into RGBA; encoding and writing happen in the caller.
import { paintTile } from '../../../shared/drawing/paintLayerGrid';
import type { ModelInput } from '../../model/description';
import { divergingLevel, divergingPalette } from '../../visualize/diverging';
import { rgbLevel } from '../../visualize/filters';
import { paintInputStrip, STRIP_GAP } from '../../visualize/inputImage';
import type { ChannelExample } from './channelsIndex';

export interface Rgba {
  rgba: Uint8ClampedArray;
  width: number;
  height: number;
}

/** Outline colour of a receptive field: orange stands out on grey digits (and on most colour images). */
export const FIELD_RGB: [number, number, number] = [255, 127, 14];
function outline(img: Rgba, x0: number, y0: number, x1: number, y1: number): void {
  const put = (x: number, y: number) => img.rgba.set([...FIELD_RGB, 255], (y * img.width + x) * 4);
  for (let x = x0; x <= x1; x++) [put(x, y0), put(x, y1)];
  for (let y = y0; y <= y1; y++) [put(x0, y), put(x1, y)];
}

/** The examples side by side at `scale` (paintInputStrip), each with its box outlined on the box's edge pixels. */
export function paintStrip(testImages: Float32Array, examples: readonly ChannelExample[], scale: number, input: ModelInput): Rgba {
  const img = paintInputStrip(testImages, examples.map((e) => e.index), input, scale);
  const side = input.width * scale;
  examples.forEach(({ box: [x0, y0, x1, y1] }, k) => {
    const left = k * (side + STRIP_GAP);
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

/**
 * A k × k kernel of a colour input (k × k × 3 weights, channels last) as RGB, `scale` pixels per position: each
 * channel's weight on the layer's shared ±maxAbs, 0 mid grey (the rule of paintFilterGrid's 'rgb' colours).
 */
export function paintRgbKernel(values: readonly number[], maxAbs: number, scale: number): Rgba {
  const k = Math.round(Math.sqrt(values.length / 3));
  if (k * k * 3 !== values.length) throw new Error(`paintRgbKernel: ${values.length} weights do not make a square kernel of three channels`);
  const width = k * scale;
  const rgba = new Uint8ClampedArray(width * width * 4);
  for (let y = 0; y < width; y++) {
    for (let x = 0; x < width; x++) {
      const p = Math.floor(y / scale) * k + Math.floor(x / scale);
      rgba.set([rgbLevel(values[p * 3], maxAbs), rgbLevel(values[p * 3 + 1], maxAbs), rgbLevel(values[p * 3 + 2], maxAbs), 255], (y * width + x) * 4);
    }
  }
  return { rgba, width, height: width };
}
