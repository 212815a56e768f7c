// Paints one layer's feature maps for one sample into an RGBA buffer: each channel normalised,
// coloured with viridis and upscaled with nearest neighbour into its tile. Pure: no canvas here.
import { tileOrigin, type GridLayout } from './layerGrid';
import { normaliseChannel, type ChannelStats } from './normaliseChannel';
import { VIRIDIS_RGB } from './viridis';

/** Pixels between tiles: white, so tiles stay separate on light and dark pages alike. */
export const GAP_RGB: [number, number, number] = [255, 255, 255];

/** A feature map of one sample, channel-major: channel k at (y, x) is values[k·h·w + y·w + x]. */
export interface FeatureMap {
  height: number;
  width: number;
  channels: number;
  values: Float32Array;
}

/** TF.js gives height × width × channels (channels last); tiles want each channel contiguous. */
export function toChannelMajor(hwc: ArrayLike<number>, height: number, width: number, channels: number): FeatureMap {
  const size = height * width;
  if (hwc.length !== size * channels) {
    throw new Error(`toChannelMajor: expected ${height}×${width}×${channels} = ${size * channels} values, got ${hwc.length}`);
  }
  const values = new Float32Array(size * channels);
  for (let p = 0; p < size; p++) {
    for (let c = 0; c < channels; c++) values[c * size + p] = hwc[p * channels + c];
  }
  return { height, width, channels, values };
}

export function fillRgba(rgba: Uint8ClampedArray, [r, g, b]: [number, number, number]): void {
  for (let i = 0; i < rgba.length; i += 4) {
    rgba[i] = r;
    rgba[i + 1] = g;
    rgba[i + 2] = b;
    rgba[i + 3] = 255;
  }
}

/** Copies `levels` (h×w, 8-bit) into the image at (x0, y0), each level `scale`×`scale` pixels of `palette`. */
export function paintTile(
  rgba: Uint8ClampedArray,
  imageWidth: number,
  x0: number,
  y0: number,
  levels: Uint8Array,
  height: number,
  width: number,
  scale: number,
  palette: Uint8Array,
): void {
  // One scaled row per source row, then copied `scale` times: the browser redraws every grid on each
  // pen move, and this is several times faster than colouring every output pixel.
  const rowBytes = width * scale * 4;
  const line = new Uint8ClampedArray(rowBytes);
  for (let sy = 0; sy < height; sy++) {
    for (let sx = 0, o = 0; sx < width; sx++) {
      const p = levels[sy * width + sx] * 3;
      for (let k = 0; k < scale; k++, o += 4) {
        line[o] = palette[p];
        line[o + 1] = palette[p + 1];
        line[o + 2] = palette[p + 2];
        line[o + 3] = 255;
      }
    }
    for (let k = 0; k < scale; k++) rgba.set(line, ((y0 + sy * scale + k) * imageWidth + x0) * 4);
  }
}

/**
 * Normalisation: each channel on its own, as the tutorial does. A 1×1 map (max_pooling2d_2)
 * has one value per channel and no spread to stretch (the tutorial's code divides 0 by 0
 * there), so its channels are normalised together, against the layer's mean and std.
 */
export function normalisationOf(map: Pick<FeatureMap, 'height' | 'width'>): 'per-channel' | 'per-layer' {
  return map.height * map.width === 1 ? 'per-layer' : 'per-channel';
}

export function paintLayerGrid(map: FeatureMap, layout: GridLayout): { rgba: Uint8ClampedArray; stats: ChannelStats[] } {
  if (map.channels !== layout.channels) {
    throw new Error(`paintLayerGrid: the map has ${map.channels} channels, the layout ${layout.channels}`);
  }
  const rgba = new Uint8ClampedArray(layout.width * layout.height * 4);
  fillRgba(rgba, GAP_RGB);
  const size = map.height * map.width;
  const layerLevels = normalisationOf(map) === 'per-layer' ? normaliseChannel(map.values).levels : null;
  const stats: ChannelStats[] = [];
  for (let c = 0; c < map.channels; c++) {
    const values = map.values.subarray(c * size, (c + 1) * size);
    const own = normaliseChannel(values, c);
    const levels = layerLevels ? layerLevels.subarray(c * size, (c + 1) * size) : own.levels;
    const { x, y } = tileOrigin(layout, c);
    paintTile(rgba, layout.width, x, y, levels, map.height, map.width, layout.scale, VIRIDIS_RGB);
    stats.push(own.stats);
  }
  return { rgba, stats };
}
