// A diverging colour scale for signed weights: blue for negative, near-white for zero, red for
// positive, linear in sRGB between the three anchors (ColorBrewer RdBu's ends and middle).
// Kernels share one symmetric range ±maxAbs so their colours compare across filters.

export const NEGATIVE_RGB: [number, number, number] = [0x21, 0x66, 0xac];
export const ZERO_RGB: [number, number, number] = [0xf7, 0xf7, 0xf7];
export const POSITIVE_RGB: [number, number, number] = [0xb2, 0x18, 0x2b];

/** 256-entry palette: levels 1, 128 and 255 are exactly NEGATIVE_RGB, ZERO_RGB and POSITIVE_RGB (0 repeats 1). */
export function divergingPalette(): Uint8Array {
  const palette = new Uint8Array(256 * 3);
  for (let level = 0; level < 256; level++) {
    const t = (level - 128) / 127; // −1.008 … 1
    const [from, to, f] = t < 0 ? [ZERO_RGB, NEGATIVE_RGB, Math.min(1, -t)] : [ZERO_RGB, POSITIVE_RGB, t];
    for (let k = 0; k < 3; k++) palette[level * 3 + k] = Math.round(from[k] + (to[k] - from[k]) * f);
  }
  return palette;
}

/** Level (0–255) of a signed value on the symmetric range ±maxAbs; 0 maps to 128. */
export function divergingLevel(value: number, maxAbs: number): number {
  if (!(maxAbs > 0)) return 128;
  const level = Math.round(128 + (value / maxAbs) * 127);
  return Math.min(255, Math.max(0, level));
}
