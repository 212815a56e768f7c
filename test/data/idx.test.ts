import { describe, expect, it } from 'vitest';
import { encodeIdxImages, encodeIdxLabels, IdxError, parseIdxImages, parseIdxLabels } from '../../pipeline/data/idx';

const pixels = Uint8Array.from({ length: 3 * 28 * 28 }, (_, i) => i % 256);

describe('parseIdxImages', () => {
  it('reads the count, size and pixels of a good file', () => {
    const parsed = parseIdxImages(encodeIdxImages(pixels, 3, 28, 28), 'good');
    expect(parsed).toMatchObject({ count: 3, rows: 28, cols: 28 });
    expect(Array.from(parsed.pixels.subarray(0, 4))).toEqual([0, 1, 2, 3]);
    expect(parsed.pixels.length).toBe(3 * 784);
  });

  it('names the file and says truncated when bytes are missing', () => {
    const bytes = encodeIdxImages(pixels, 3, 28, 28).subarray(0, 1000);
    expect(() => parseIdxImages(bytes, 'train-images-idx3-ubyte')).toThrowError(/train-images-idx3-ubyte.*truncated/);
  });

  it('rejects a labels file given where images are expected (wrong magic)', () => {
    expect(() => parseIdxImages(encodeIdxLabels(new Uint8Array(20)), 'x')).toThrowError(/magic number is 2049, expected 2051/);
  });

  it('rejects a file too short to hold a header', () => {
    expect(() => parseIdxImages(new Uint8Array(5), 'tiny')).toThrowError(IdxError);
  });
});

describe('parseIdxLabels', () => {
  it('reads labels', () => {
    expect(Array.from(parseIdxLabels(encodeIdxLabels(Uint8Array.of(7, 2, 1)), 'l').labels)).toEqual([7, 2, 1]);
  });

  it('rejects a label outside 0–9', () => {
    expect(() => parseIdxLabels(encodeIdxLabels(Uint8Array.of(1, 12)), 'l')).toThrowError(/label 1 is 12/);
  });

  it('rejects trailing bytes', () => {
    const bytes = new Uint8Array([...encodeIdxLabels(Uint8Array.of(1, 2)), 0]);
    expect(() => parseIdxLabels(bytes, 'l')).toThrowError(/trailing bytes/);
  });
});
