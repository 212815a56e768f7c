// The learned weights themselves: the first layer's 3×3 kernels as a picture (diverging colours for
// one input channel, RGB for a colour input), and how strong each filter of the deeper conv layers is
// (L2 norm of its kernel).
import type { GridLayout } from '../../shared/drawing/layerGrid';
import { tileOrigin } from '../../shared/drawing/layerGrid';
import { divergingLevel, divergingPalette } from './diverging';
import { fillRgba, paintTile } from '../../shared/drawing/paintLayerGrid';

/** Dark grey between kernels: white would merge with the near-white of zero weights. */
export const FILTER_GAP_RGB: [number, number, number] = [64, 64, 64];

/** A conv kernel as TF.js stores it: [kernelHeight, kernelWidth, inChannels, filters], filters fastest. */
export interface Kernel {
  shape: [number, number, number, number];
  values: Float32Array;
}

function checkKernel({ shape, values }: Kernel): void {
  const size = shape.reduce((a, b) => a * b, 1);
  if (shape.length !== 4 || values.length !== size) {
    throw new Error(`kernel: expected 4-D weights matching shape [${shape.join(', ')}] (${size} values), got ${values.length}`);
  }
}

/** L2 norm of each filter's weights (over kernel height, width and input channels). */
export function filterNorms(kernel: Kernel): number[] {
  checkKernel(kernel);
  const filters = kernel.shape[3];
  const squares = new Float64Array(filters);
  kernel.values.forEach((v, i) => (squares[i % filters] += v * v));
  return Array.from(squares, Math.sqrt);
}

export function maxAbs(values: ArrayLike<number>): number {
  let m = 0;
  for (let i = 0; i < values.length; i++) m = Math.max(m, Math.abs(values[i]));
  return m;
}

/** How a first-layer kernel grid is coloured: diverging around 0, or its three input channels as red, green, blue. */
export type FilterColours = 'diverging' | 'rgb';

/** RGB for a kernel reading exactly three input channels (a colour image); diverging for one (or any other count). */
export const filterColours = (inChannels: number): FilterColours => (inChannels === 3 ? 'rgb' : 'diverging');

/**
 * Paints the first conv layer's kernel one filter per tile on ±`range` (default: the kernel's own largest
 * |weight|; a timelapse passes one range for all epochs).
 *
 * One input channel: diverging colours around 0. Three input channels (a colour image): each weight
 * position as one RGB pixel, its red, green and blue weights as the red, green and blue levels, normalised
 * jointly: one symmetric range ±range for every filter and all three channels, level 128 + 127·w/range, so a
 * zero weight is mid grey, a kernel that weighs up red looks red, and strengths compare across filters and
 * channels (per-filter or per-channel stretching would hide which colour a kernel really favours). Any other
 * number of input channels is shown as the mean over them, diverging.
 */
export function paintFilterGrid(kernel: Kernel, layout: GridLayout, range = maxAbs(kernel.values)): { rgba: Uint8ClampedArray; maxAbs: number; colours: FilterColours } {
  checkKernel(kernel);
  const [kh, kw, inChannels, filters] = kernel.shape;
  if (layout.channels !== filters) throw new Error(`paintFilterGrid: the layout has ${layout.channels} tiles for ${filters} filters`);
  const rgba = new Uint8ClampedArray(layout.width * layout.height * 4);
  fillRgba(rgba, FILTER_GAP_RGB);
  const colours = filterColours(inChannels);
  if (colours === 'rgb') {
    for (let f = 0; f < filters; f++) {
      const { x, y } = tileOrigin(layout, f);
      for (let p = 0; p < kh * kw; p++) {
        const rgb = [0, 1, 2].map((c) => rgbLevel(kernel.values[(p * inChannels + c) * filters + f], range));
        fillBlock(rgba, layout.width, x + (p % kw) * layout.scale, y + Math.floor(p / kw) * layout.scale, layout.scale, rgb);
      }
    }
    return { rgba, maxAbs: range, colours };
  }
  const palette = divergingPalette();
  const levels = new Uint8Array(kh * kw);
  for (let f = 0; f < filters; f++) {
    for (let p = 0; p < kh * kw; p++) {
      let sum = 0;
      for (let c = 0; c < inChannels; c++) sum += kernel.values[(p * inChannels + c) * filters + f];
      levels[p] = divergingLevel(inChannels === 1 ? sum : sum / inChannels, range);
    }
    const { x, y } = tileOrigin(layout, f);
    paintTile(rgba, layout.width, x, y, levels, kh, kw, layout.scale, palette);
  }
  return { rgba, maxAbs: range, colours };
}

/** One colour channel's level of a signed weight on ±range: 0 → 128, +range → 255, −range → 1 (clamped). */
export function rgbLevel(weight: number, range: number): number {
  if (!(range > 0)) return 128;
  return Math.min(255, Math.max(0, Math.round(128 + (weight / range) * 127)));
}

function fillBlock(rgba: Uint8ClampedArray, imageWidth: number, x0: number, y0: number, scale: number, rgb: number[]): void {
  for (let y = y0; y < y0 + scale; y++) for (let x = x0; x < x0 + scale; x++) rgba.set([rgb[0], rgb[1], rgb[2], 255], (y * imageWidth + x) * 4);
}
