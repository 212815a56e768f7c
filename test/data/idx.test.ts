import { describe, expect, it } from 'vitest';
import { checkLabels, encodeIdxImages, encodeIdxLabels, IdxError, parseIdxImages, parseIdxLabels } from '../../pipeline/data/idx';

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

  it('leaves labels above 9 to the class check: the data may have more than ten classes', () => {
    expect(Array.from(parseIdxLabels(encodeIdxLabels(Uint8Array.of(1, 12)), 'l').labels)).toEqual([1, 12]);
  });

  it('rejects trailing bytes', () => {
    const bytes = new Uint8Array([...encodeIdxLabels(Uint8Array.of(1, 2)), 0]);
    expect(() => parseIdxLabels(bytes, 'l')).toThrowError(/trailing bytes/);
  });
});

describe('IDX errors', () => {
  it('are IdxErrors that name the file first', () => {
    const error = (() => {
      try {
        parseIdxLabels(new Uint8Array(3), 'labels.idx');
      } catch (e) {
        return e as Error;
      }
    })();
    expect(error).toBeInstanceOf(IdxError);
    expect(error?.name).toBe('IdxError');
    expect((error as IdxError).file).toBe('labels.idx');
  });

  it('say how long a file too short for its header is and what that means', () => {
    expect(() => parseIdxImages(new Uint8Array(5), 'tiny')).toThrowError(
      'tiny: file is 5 bytes, too short for an IDX header of 16 bytes (truncated or not an IDX file)',
    );
    expect(() => parseIdxLabels(new Uint8Array(7), 'short')).toThrowError(
      'short: file is 7 bytes, too short for an IDX header of 8 bytes (truncated or not an IDX file)',
    );
  });

  it('accept a file that is exactly its header (zero labels or images)', () => {
    expect(parseIdxLabels(encodeIdxLabels(new Uint8Array(0)), 'none')).toMatchObject({ count: 0 });
    expect(parseIdxImages(encodeIdxImages(new Uint8Array(0), 0, 28, 28), 'none')).toMatchObject({ count: 0, rows: 28, cols: 28 });
  });

  it('give the found and expected magic numbers and the kind of file expected', () => {
    expect(() => parseIdxImages(encodeIdxLabels(new Uint8Array(20)), 'x')).toThrowError(
      'x: magic number is 2049, expected 2051 for an IDX images file (is this the right file?)',
    );
    expect(() => parseIdxLabels(encodeIdxImages(new Uint8Array(0), 0, 1, 1), 'y')).toThrowError(
      'y: magic number is 2051, expected 2049 for an IDX labels file (is this the right file?)',
    );
  });

  it('give the declared and actual sizes of a truncated images file', () => {
    const bytes = encodeIdxImages(pixels, 3, 28, 28).subarray(0, 1000);
    expect(() => parseIdxImages(bytes, 'img')).toThrowError(
      'img: header declares 3 images of 28×28 = 2368 bytes, but the file has 1000 (truncated)',
    );
  });

  it('give the declared and actual sizes of a labels file with trailing bytes', () => {
    const bytes = new Uint8Array([...encodeIdxLabels(Uint8Array.of(1, 2)), 0]);
    expect(() => parseIdxLabels(bytes, 'l')).toThrowError('l: header declares 2 labels = 10 bytes, but the file has 11 (has trailing bytes)');
  });

  it('name the file, the position and value of the first label outside the classes, and the class count, even at index 0', () => {
    expect(() => checkLabels(Uint8Array.of(10, 1), 'l', 10, 'the names in classes.json')).toThrowError('l: label at position 0 (0-based) is 10, but the data has 10 classes (the names in classes.json), so labels must be 0–9.');
    expect(() => checkLabels(Uint8Array.of(1, 9, 2), 'l', 10, 'x')).not.toThrow();
  });
});
