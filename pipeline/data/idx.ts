/** Reader for the IDX format of the MNIST files (big-endian header, then uint8 data). */
import { DataError } from './dataError';

export const IMAGES_MAGIC = 2051; // 0x00000803: unsigned bytes, 3 dimensions
export const LABELS_MAGIC = 2049; // 0x00000801: unsigned bytes, 1 dimension

/** A DataError about one IDX file (or the IDX folder). */
export class IdxError extends DataError {
  constructor(
    readonly file: string,
    message: string,
  ) {
    super(file, message);
    this.name = 'IdxError';
  }
}

export interface IdxImages {
  count: number;
  rows: number;
  cols: number;
  /** count × rows × cols bytes, row-major. */
  pixels: Uint8Array;
}

export interface IdxLabels {
  count: number;
  labels: Uint8Array;
}

function header(bytes: Uint8Array, file: string, words: number): number[] {
  if (bytes.length < words * 4) {
    throw new IdxError(file, `file is ${bytes.length} bytes, too short for an IDX header of ${words * 4} bytes (truncated or not an IDX file)`);
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  return Array.from({ length: words }, (_, i) => view.getUint32(i * 4, false));
}

function checkMagic(file: string, found: number, expected: number, what: string): void {
  if (found !== expected) {
    throw new IdxError(file, `magic number is ${found}, expected ${expected} for an IDX ${what} file (is this the right file?)`);
  }
}

function checkLength(file: string, actual: number, expected: number, declared: string): void {
  if (actual !== expected) {
    const how = actual < expected ? 'truncated' : 'has trailing bytes';
    throw new IdxError(file, `header declares ${declared} = ${expected} bytes, but the file has ${actual} (${how})`);
  }
}

export function parseIdxImages(bytes: Uint8Array, file: string): IdxImages {
  const [magic, count, rows, cols] = header(bytes, file, 4);
  checkMagic(file, magic, IMAGES_MAGIC, 'images');
  checkLength(file, bytes.length, 16 + count * rows * cols, `${count} images of ${rows}×${cols}`);
  return { count, rows, cols, pixels: bytes.subarray(16) };
}

export function parseIdxLabels(bytes: Uint8Array, file: string): IdxLabels {
  const [magic, count] = header(bytes, file, 2);
  checkMagic(file, magic, LABELS_MAGIC, 'labels');
  checkLength(file, bytes.length, 8 + count, `${count} labels`);
  // Whether each label is one of the data's classes is checked once the classes are known (checkLabels).
  return { count, labels: bytes.subarray(8) };
}

/**
 * Refuses a label outside the data's classes: the model scores exactly `classCount` classes, so a label
 * beyond them could never be predicted. `names` says where the class count came from, for the fix.
 */
export function checkLabels(labels: Uint8Array, file: string, classCount: number, names: string): void {
  const bad = labels.findIndex((l) => l >= classCount);
  if (bad < 0) return;
  throw new IdxError(file, `label at position ${bad} (0-based) is ${labels[bad]}, but the data has ${classCount} classes (${names}), so labels must be 0–${classCount - 1}. Correct the label, or list one class name per label in classes.json.`);
}

/** Builds an IDX images file (used by tests and tools that need small fixtures). */
export function encodeIdxImages(pixels: Uint8Array, count: number, rows: number, cols: number): Uint8Array {
  const out = new Uint8Array(16 + pixels.length);
  const view = new DataView(out.buffer);
  [IMAGES_MAGIC, count, rows, cols].forEach((v, i) => view.setUint32(i * 4, v, false));
  out.set(pixels, 16);
  return out;
}

export function encodeIdxLabels(labels: Uint8Array): Uint8Array {
  const out = new Uint8Array(8 + labels.length);
  const view = new DataView(out.buffer);
  view.setUint32(0, LABELS_MAGIC, false);
  view.setUint32(4, labels.length, false);
  out.set(labels, 8);
  return out;
}
