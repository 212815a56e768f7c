// The timelapse without JavaScript: a few key epochs, one row each, kernels beside maps. Pure pixels.
import { fillRgba, GAP_RGB } from '../../../shared/drawing/paintLayerGrid';

export interface Picture {
  rgba: Uint8ClampedArray;
  width: number;
  height: number;
}

/** Epochs worth a row: the start, the first epoch, the kept one and the last, each once, in order. */
export function keyEpochs(epochs: readonly number[], kept: number): number[] {
  const last = epochs.at(-1);
  return [...new Set([epochs[0], epochs[1], kept, last])].filter((e): e is number => e !== undefined && epochs.includes(e)).sort((a, b) => a - b);
}

/** Rows of pictures laid left to right, rows top to bottom, `gap` white pixels between them. */
export function composeRows(rows: readonly (readonly Picture[])[], gap: number): Picture {
  const rowWidth = (row: readonly Picture[]) => row.reduce((w, p) => w + p.width, 0) + gap * (row.length - 1);
  const rowHeight = (row: readonly Picture[]) => Math.max(...row.map((p) => p.height));
  const width = Math.max(...rows.map(rowWidth));
  const height = rows.reduce((h, row) => h + rowHeight(row), 0) + gap * (rows.length - 1);
  const rgba = new Uint8ClampedArray(width * height * 4);
  fillRgba(rgba, GAP_RGB);
  let y = 0;
  for (const row of rows) {
    let x = 0;
    for (const p of row) {
      for (let r = 0; r < p.height; r++) rgba.set(p.rgba.subarray(r * p.width * 4, (r + 1) * p.width * 4), ((y + r) * width + x) * 4);
      x += p.width + gap;
    }
    y += rowHeight(row) + gap;
  }
  return { rgba, width, height };
}
