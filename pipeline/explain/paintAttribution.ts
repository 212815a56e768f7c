// An attribution map drawn over its digit: the digit as grey ink on white, the map on top in ColorBrewer's RdBu
// (d3-scale-chromatic), red for evidence for the class, blue against, more opaque where stronger.
// Each map is scaled to its own largest magnitude, so colours compare within a map, not across.
import { rgb } from 'd3-color';
import { interpolateRdBu } from 'd3-scale-chromatic';
import { greyLevel } from '../visualize/digitImage';
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

/** How much of the map's colour covers the digit at full strength; the digit stays readable beneath. */
export const MAX_OPACITY = 0.85;
/** Ink darkness of a full-intensity stroke: light enough that red and blue stand out on it. */
export const INK = 0.5;

/** The digit as grey ink on white paper: intensity 0 → 255, intensity 1 → 255·(1 − INK). */
export function paperLevel(intensity: number): number {
  return 255 - Math.round(INK * greyLevel(intensity));
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

/** RGBA of `map` over `digit` (both height × width; a number is a square side), each pixel upscaled to scale × scale. */
export function paintAttribution(map: ArrayLike<number>, digit: ArrayLike<number>, size: number | { height: number; width: number }, scale: number, palette = rdbuPalette()): Uint8ClampedArray {
  const { height, width: cols } = typeof size === 'number' ? { height: size, width: size } : size;
  const pixels = height * cols;
  if (map.length !== pixels || digit.length !== pixels) throw new Error(`paintAttribution: expected ${height}×${cols} map and digit, got ${map.length} and ${digit.length}`);
  const { maxAbs } = mapRange(map);
  const width = cols * scale;
  const rgba = new Uint8ClampedArray(width * height * scale * 4);
  for (let p = 0; p < pixels; p++) {
    const grey = paperLevel(digit[p]);
    const level = divergingLevel(map[p], maxAbs);
    const alpha = maxAbs > 0 ? MAX_OPACITY * Math.min(1, Math.abs(map[p]) / maxAbs) : 0;
    const colour = [0, 1, 2].map((k) => Math.round((1 - alpha) * grey + alpha * palette[level * 3 + k]));
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
