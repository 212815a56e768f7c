// An attribution map drawn over its image: a one-channel image (a digit) as grey ink on white, a colour image
// as itself washed towards white; the map on top in ColorBrewer's RdBu (d3-scale-chromatic), red for evidence
// for the class, blue against, more opaque where stronger.
// Each map is scaled to its own largest magnitude, so colours compare within a map, not across.
import { rgb } from 'd3-color';
import { interpolateRdBu } from 'd3-scale-chromatic';
import { greyLevel } from '../visualize/inputImage';
import { divergingLevel } from '../visualize/diverging';

/** 256 RdBu colours, level 0 the most negative (blue), 128 zero, 255 the most positive (red). */
export function rdbuPalette(): Uint8Array {
  const palette = new Uint8Array(256 * 3);
  for (let level = 0; level < 256; level++) {
    // interpolateRdBu runs from red (0) to blue (1); positive evidence is red here.
    const c = rgb(interpolateRdBu(1 - level / 255));
    palette.set([c.r, c.g, c.b], level * 3);
  }
  return palette;
}

/** How much of the map's colour covers the image at full strength; the image stays readable beneath. */
export const MAX_OPACITY = 0.85;
/** Ink darkness of a full-intensity stroke: light enough that red and blue stand out on it. */
export const INK = 0.5;

/** The digit as grey ink on white paper: intensity 0 → 255, intensity 1 → 255·(1 − INK). */
export function paperLevel(intensity: number): number {
  return 255 - Math.round(INK * greyLevel(intensity));
}

/**
 * One colour channel of a colour image as paper: washed towards white by INK (0 → 255·(1 − INK), 1 → 255),
 * so black stays as dark as a grey digit's full stroke and the hues stay what they are (inverting, as for
 * ink on white, would turn a red object cyan), while red and blue evidence still stand out on top.
 */
export function colourPaperLevel(intensity: number): number {
  return 255 - Math.round(INK * (255 - greyLevel(intensity)));
}

export function mapRange(map: ArrayLike<number>): { min: number; max: number; maxAbs: number; sum: number } {
  let min = Infinity;
  let max = -Infinity;
  let sum = 0;
  for (let i = 0; i < map.length; i++) {
    min = Math.min(min, map[i]);
    max = Math.max(max, map[i]);
    sum += map[i];
  }
  return { min, max, maxAbs: Math.max(Math.abs(min), Math.abs(max)), sum };
}

/**
 * RGBA of `map` (height × width; a number for size is a square side) over `image`, each pixel upscaled to
 * scale × scale. `image` is height × width grey intensities (drawn as ink on white: paperLevel) or
 * height × width × 3 RGB intensities, channels last (washed colour: colourPaperLevel).
 */
export function paintAttribution(map: ArrayLike<number>, image: ArrayLike<number>, size: number | { height: number; width: number }, scale: number, palette = rdbuPalette()): Uint8ClampedArray {
  const { height, width: cols } = typeof size === 'number' ? { height: size, width: size } : size;
  const pixels = height * cols;
  const channels = image.length / pixels;
  if (map.length !== pixels || (channels !== 1 && channels !== 3)) {
    throw new Error(`paintAttribution: expected a ${height}×${cols} map and a ${height}×${cols} grey or ${height}×${cols}×3 colour image, got ${map.length} and ${image.length} values`);
  }
  const { maxAbs } = mapRange(map);
  const width = cols * scale;
  const rgba = new Uint8ClampedArray(width * height * scale * 4);
  const paper = [0, 0, 0];
  for (let p = 0; p < pixels; p++) {
    if (channels === 1) paper.fill(paperLevel(image[p]));
    else for (let k = 0; k < 3; k++) paper[k] = colourPaperLevel(image[p * 3 + k]);
    const level = divergingLevel(map[p], maxAbs);
    const alpha = maxAbs > 0 ? MAX_OPACITY * Math.min(1, Math.abs(map[p]) / maxAbs) : 0;
    const colour = [0, 1, 2].map((k) => Math.round((1 - alpha) * paper[k] + alpha * palette[level * 3 + k]));
    const [y, x] = [Math.floor(p / cols), p % cols];
    for (let dy = 0; dy < scale; dy++) {
      for (let dx = 0; dx < scale; dx++) {
        const o = ((y * scale + dy) * width + x * scale + dx) * 4;
        rgba.set([colour[0], colour[1], colour[2], 255], o);
      }
    }
  }
  return rgba;
}
