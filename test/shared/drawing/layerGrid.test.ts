import { describe, expect, it } from 'vitest';
import { layerGrid, tileOrigin, tileScale } from '../../../shared/drawing/layerGrid';

describe('layerGrid', () => {
  it.each([
    [1, 1, 1],
    [16, 1, 16],
    [32, 2, 16],
    [64, 4, 16],
    [128, 8, 16],
  ])('lays %i channels out in %i row(s) of %i', (channels, rows, cols) => {
    const grid = layerGrid(13, 13, channels);
    expect(grid).toMatchObject({ channels, rows, cols });
    expect(grid.width).toBe(cols * grid.tileWidth + (cols - 1) * grid.gap);
    expect(grid.height).toBe(rows * grid.tileHeight + (rows - 1) * grid.gap);
  });

  it('puts every channel inside the image and the last one in the bottom-right corner', () => {
    for (const channels of [1, 16, 32, 64, 128]) {
      const grid = layerGrid(5, 5, channels);
      const seen = new Set<string>();
      for (let c = 0; c < channels; c++) {
        const { x, y } = tileOrigin(grid, c);
        expect(x + grid.tileWidth).toBeLessThanOrEqual(grid.width);
        expect(y + grid.tileHeight).toBeLessThanOrEqual(grid.height);
        seen.add(`${x},${y}`);
      }
      expect(seen.size).toBe(channels);
      const last = tileOrigin(grid, channels - 1);
      expect(last.x + grid.tileWidth).toBe(grid.width);
      expect(last.y + grid.tileHeight).toBe(grid.height);
    }
  });

  it('fills rows left to right: channel 17 of 32 starts the second row at column 1', () => {
    const grid = layerGrid(26, 26, 32);
    expect(tileOrigin(grid, 17)).toEqual({ x: grid.tileWidth + grid.gap, y: grid.tileHeight + grid.gap });
  });

  it('upscales every map of the network to a tile of 52–78 pixels with an integer factor', () => {
    for (const size of [26, 13, 11, 5, 3, 1]) {
      const grid = layerGrid(size, size, 32);
      expect(Number.isInteger(grid.scale)).toBe(true);
      expect(grid.tileWidth).toBe(size * grid.scale);
      expect(grid.tileWidth).toBeGreaterThanOrEqual(52);
      expect(grid.tileWidth).toBeLessThanOrEqual(78);
    }
    expect(tileScale(200)).toBe(1);
  });

  it('rejects channels outside the grid and sizes that are not whole numbers', () => {
    const grid = layerGrid(3, 3, 128);
    expect(() => tileOrigin(grid, 128)).toThrow(/channel 128 is outside 0–127/);
    expect(() => layerGrid(3, 3, 0)).toThrow(/channels must be a whole number/);
  });
});
