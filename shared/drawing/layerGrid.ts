// Where each channel of a feature map goes in its grid image. Pure arithmetic, no drawing.
//
// The tutorial lays 16 channels per row. Its code takes the row count to be the number of
// channels and indexes past the last one; the right count is ceil(channels / 16).

export const CHANNELS_PER_ROW = 16;
/** Tiles are upscaled to roughly this many pixels so 26×26 and 1×1 maps read at a similar size. */
export const TARGET_TILE_PX = 64;
/** Background pixels between tiles (none around the outside). */
export const TILE_GAP_PX = 2;

export interface GridLayout {
  channels: number;
  rows: number;
  cols: number;
  /** Integer nearest-neighbour upscale factor of the feature map. */
  scale: number;
  /** Size of one tile in pixels: map height/width × scale. */
  tileHeight: number;
  tileWidth: number;
  gap: number;
  /** Size of the whole image in pixels. */
  width: number;
  height: number;
}

export interface GridOptions {
  perRow?: number;
  targetTile?: number;
  gap?: number;
}

/** The integer scale that brings a map of `size` pixels closest to `target` pixels (at least 1). */
export function tileScale(size: number, target = TARGET_TILE_PX): number {
  return Math.max(1, Math.round(target / size));
}

export function layerGrid(mapHeight: number, mapWidth: number, channels: number, options: GridOptions = {}): GridLayout {
  const perRow = options.perRow ?? CHANNELS_PER_ROW;
  const gap = options.gap ?? TILE_GAP_PX;
  for (const [name, value] of Object.entries({ mapHeight, mapWidth, channels, perRow })) {
    if (!Number.isInteger(value) || value < 1) throw new Error(`layerGrid: ${name} must be a whole number ≥ 1, got ${value}`);
  }
  const rows = Math.ceil(channels / perRow);
  const cols = Math.min(channels, perRow);
  const scale = tileScale(Math.max(mapHeight, mapWidth), options.targetTile);
  const tileHeight = mapHeight * scale;
  const tileWidth = mapWidth * scale;
  return {
    channels,
    rows,
    cols,
    scale,
    tileHeight,
    tileWidth,
    gap,
    width: cols * tileWidth + (cols - 1) * gap,
    height: rows * tileHeight + (rows - 1) * gap,
  };
}

/** Top-left pixel of channel k's tile: channels fill rows left to right, top to bottom. */
export function tileOrigin(layout: GridLayout, channel: number): { x: number; y: number } {
  if (!Number.isInteger(channel) || channel < 0 || channel >= layout.channels) {
    throw new Error(`tileOrigin: channel ${channel} is outside 0–${layout.channels - 1}`);
  }
  const row = Math.floor(channel / layout.cols);
  const col = channel % layout.cols;
  return { x: col * (layout.tileWidth + layout.gap), y: row * (layout.tileHeight + layout.gap) };
}
