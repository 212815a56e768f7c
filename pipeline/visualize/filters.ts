// The learned weights themselves: the first layer's 3×3 kernels as a picture, and how strong
// each filter of the deeper conv layers is (L2 norm of its kernel).
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

/**
 * Paints the first conv layer's kernel one filter per tile, diverging colours around 0, on ±`range`
 * (default: the kernel's own largest |weight|; a timelapse passes one range for all epochs). A kernel
 * reading several input channels (a colour image) is shown as its mean over them.
 */
export function paintFilterGrid(kernel: Kernel, layout: GridLayout, range = maxAbs(kernel.values)): { rgba: Uint8ClampedArray; maxAbs: number } {
  checkKernel(kernel);
  const [kh, kw, inChannels, filters] = kernel.shape;
  if (layout.channels !== filters) throw new Error(`paintFilterGrid: the layout has ${layout.channels} tiles for ${filters} filters`);
  const palette = divergingPalette();
  const rgba = new Uint8ClampedArray(layout.width * layout.height * 4);
  fillRgba(rgba, FILTER_GAP_RGB);
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
  return { rgba, maxAbs: range };
}
