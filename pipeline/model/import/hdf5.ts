import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import h5wasm from 'h5wasm/node';
import { ModelFileError } from './modelFileError';
import type { FileWeight } from './weights';

type H5File = InstanceType<typeof h5wasm.File>;
export type H5Group = InstanceType<typeof h5wasm.Group>;

const SIGNATURE = [0x89, 0x48, 0x44, 0x46, 0x0d, 0x0a, 0x1a, 0x0a];

/** Where the HDF5 superblock starts (0, or 512, 1024, … after a user block), or -1. */
function superblockAt(bytes: Uint8Array): number {
  for (let at = 0; at + 8 <= bytes.length; at = at === 0 ? 512 : at * 2) {
    if (SIGNATURE.every((b, i) => bytes[at + i] === b)) return at;
  }
  return -1;
}

function readOffset(bytes: Uint8Array, at: number, size: number): number {
  let v = 0;
  for (let i = size - 1; i >= 0; i--) v = v * 256 + bytes[at + i];
  return v;
}

/**
 * Refuses bytes that are not a whole HDF5 file before the HDF5 library sees them (it may abort on
 * garbage): the signature, then the end-of-file address the superblock records against the real size.
 */
export function checkHdf5Bytes(bytes: Uint8Array, what: string): void {
  const at = superblockAt(bytes);
  if (at < 0) throw new ModelFileError(`${what} is not an HDF5 file (no HDF5 signature); expected a Keras .h5 file written by model.save(). Check that the file is the model and was copied whole.`);
  const version = bytes[at + 8];
  let eofAt: number;
  let size: number;
  if (version === 0 || version === 1) {
    size = bytes[at + 13];
    eofAt = at + 24 + (version === 1 ? 4 : 0) + 2 * size;
  } else {
    size = bytes[at + 9];
    eofAt = at + 12 + 2 * size;
  }
  if (![2, 4, 8].includes(size) || eofAt + size > bytes.length) {
    throw new ModelFileError(`${what} is truncated or damaged (its HDF5 superblock is incomplete); copy the file again from where it was saved.`);
  }
  const eof = readOffset(bytes, eofAt, size) + at;
  if (eof > bytes.length) {
    throw new ModelFileError(`${what} is truncated: HDF5 records ${eof} bytes, the file has ${bytes.length}; copy the file again from where it was saved.`);
  }
}

/**
 * Opens HDF5 bytes read-only with h5wasm, runs `read` on the file and closes it. The bytes go through a
 * private temporary file because h5wasm's Node build reads from the filesystem.
 */
export async function withHdf5<T>(bytes: Uint8Array, what: string, read: (f: H5File) => T): Promise<T> {
  checkHdf5Bytes(bytes, what);
  await h5wasm.ready;
  const dir = mkdtempSync(join(tmpdir(), 'model-import-'));
  const path = join(dir, 'file.h5');
  try {
    writeFileSync(path, bytes);
    let f: H5File;
    try {
      f = new h5wasm.File(path, 'r');
    } catch (err) {
      throw new ModelFileError(`${what} could not be opened as HDF5 (${(err as Error).message}); the file is damaged. Copy it again from where it was saved.`);
    }
    try {
      return read(f);
    } finally {
      f.close();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const decoder = new TextDecoder();

function asStrings(v: unknown): string[] {
  if (v == null) return [];
  if (typeof v === 'string') return [v];
  if (v instanceof Uint8Array) return [decoder.decode(v)];
  if (Array.isArray(v)) return v.flatMap(asStrings);
  if (ArrayBuffer.isView(v)) return []; // an empty numeric array: Keras writes [] for layers without weights
  return [String(v)];
}

/** The entity at a path under a group, or null; each step is looked up first (h5wasm reports a missing path on stderr). */
export function child(group: H5Group, path: string): ReturnType<H5Group['get']> {
  let at: ReturnType<H5Group['get']> = group;
  for (const part of path.split('/').filter(Boolean)) {
    if (!(at instanceof h5wasm.Group) || !at.keys().includes(part)) return null;
    at = at.get(part);
  }
  return at;
}

/** A string attribute (Keras writes them as variable or fixed-length strings, or bytes), or null. */
export function stringAttr(group: H5Group, name: string): string | null {
  const attr = group.attrs[name];
  if (!attr) return null;
  const s = asStrings(attr.value);
  return s.length ? s.join('') : null;
}

/** A list-of-strings attribute, including Keras's chunked form (`name0`, `name1`, … for long lists). */
export function stringListAttr(group: H5Group, name: string): string[] {
  if (group.attrs[name]) return asStrings(group.attrs[name].value);
  const out: string[] = [];
  for (let i = 0; group.attrs[`${name}${i}`]; i++) out.push(...asStrings(group.attrs[`${name}${i}`].value));
  return out;
}

/** A dataset as float32 values with its shape; float16 and non-float data are refused by name. */
export function readWeight(group: H5Group, path: string, what: string): FileWeight | null {
  const ds = child(group, path);
  if (!ds || !(ds instanceof h5wasm.Dataset)) return null;
  const shape = ds.shape ?? [];
  const dtype = String(ds.dtype);
  if (!/^[<>]?[fd]$/.test(dtype) && dtype !== '<f' && dtype !== '>f') {
    throw new ModelFileError(`${what}: weight ${path} is stored as ${dtype}, expected float32 or float64; re-save the model with float32 weights.`);
  }
  const value = ds.value;
  if (!(value instanceof Float32Array || value instanceof Float64Array)) {
    throw new ModelFileError(`${what}: weight ${path} could not be read as numbers; the file is damaged.`);
  }
  return { name: path, shape, values: value instanceof Float32Array ? value : Float32Array.from(value) };
}
