// The decoded, fitted pictures of an image folder, kept between builds: one binary file per key, so a rebuild
// of an unchanged folder decodes nothing. The key covers the folder's listing (every file's path, size and
// mtime), the fit target, the pictures used and the decoding code and library; a file is written to a
// temporary name and renamed, so a stopped build never leaves a half-written entry under a key.
import { createHash, randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, open, readFile, readdir, rename, stat, unlink, utimes } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { BuildParts } from './lastBuild';

const MAGIC = 'CNNIMGS1';

/**
 * Default place: node_modules/.cache/cnn-hidden-truth/images/ of the project, where build tools keep caches
 * (find-cache-dir's convention): per checkout, never committed, and gone with a fresh `npm ci`.
 */
export function defaultCacheDir(): string {
  return fileURLToPath(new URL('../../../node_modules/.cache/cnn-hidden-truth/images/', import.meta.url));
}

/** Entries kept: the most recently used ones (reads touch their file), so the folder cannot grow without end. */
export const KEEP_ENTRIES = 8;

/** What a cache entry records besides the pixels. */
export interface CachedHeader {
  key: string;
  height: number;
  width: number;
  channels: 1 | 3;
  trainCount: number;
  testCount: number;
  smallest: [number, number];
  largest: [number, number];
  colourPictures: number;
  greyPictures: number;
}

export interface CachedSet {
  header: CachedHeader;
  train: { images: Float32Array; labels: Int32Array };
  test: { images: Float32Array; labels: Int32Array };
}

/** The rule's version: the source of the fit rule and the decoder, and the decoding library's version. */
export async function ruleVersion(sharpVersion: string): Promise<string> {
  const files = ['../../../shared/data/fitImage.ts', './decodePicture.ts'].map((f) => fileURLToPath(new URL(f, import.meta.url)));
  const hash = createHash('sha256').update(`sharp ${sharpVersion}\n`);
  for (const f of files) hash.update(await readFile(f));
  return hash.digest('hex').slice(0, 16);
}

/** The key of an entry: everything that decides its pixels (lastBuild.ts remembers the same parts, to say which changed). */
export function cacheKey(parts: BuildParts): string {
  return createHash('sha256').update(JSON.stringify(parts)).digest('hex');
}

const entryPath = (dir: string, key: string) => path.join(dir, `${key}.bin`);

/** The entry for `key`; null when there is none; a reason when the file is there but unusable. */
export async function readCached(dir: string, key: string): Promise<CachedSet | { damaged: string } | null> {
  const file = entryPath(dir, key);
  if (!existsSync(file)) return null;
  const bytes = await readFile(file);
  const damaged = (why: string) => ({ damaged: `${file} ${why}` });
  if (bytes.length < 12 || bytes.toString('latin1', 0, 8) !== MAGIC) return damaged('is not a cache entry');
  const headerLength = bytes.readUInt32LE(8);
  let header: CachedHeader;
  try {
    header = JSON.parse(bytes.toString('utf8', 12, 12 + headerLength)) as CachedHeader;
  } catch {
    return damaged('has an unreadable header');
  }
  if (header.key !== key) return damaged('holds another key');
  const pixels = (n: number) => n * header.height * header.width * header.channels;
  const start = align(12 + headerLength);
  const sizes = [pixels(header.trainCount) * 4, pixels(header.testCount) * 4, header.trainCount * 4, header.testCount * 4];
  if (bytes.length !== start + sizes.reduce((a, b) => a + b, 0)) return damaged(`is ${bytes.length} bytes, not the ${start + sizes.reduce((a, b) => a + b, 0)} its header declares`);
  // Typed arrays need 4-byte alignment: the file's buffer is used as it is when aligned, else copied once.
  const aligned = (bytes.byteOffset + start) % 4 === 0;
  const body = aligned ? bytes.buffer : new Uint8Array(bytes.subarray(start)).buffer;
  let at = aligned ? bytes.byteOffset + start : 0;
  const take = <T>(n: number, make: (b: ArrayBuffer, o: number, l: number) => T) => {
    const out = make(body, at, n / 4);
    at += n;
    return out;
  };
  const f32 = (b: ArrayBuffer, o: number, l: number) => new Float32Array(b, o, l);
  const i32 = (b: ArrayBuffer, o: number, l: number) => new Int32Array(b, o, l);
  const trainImages = take(sizes[0], f32);
  const testImages = take(sizes[1], f32);
  const set = { header, train: { images: trainImages, labels: take(sizes[2], i32) }, test: { images: testImages, labels: take(sizes[3], i32) } };
  const now = new Date();
  await utimes(file, now, now).catch(() => {});
  return set;
}

const align = (n: number) => Math.ceil(n / 4) * 4;

/** Writes the entry for `set.header.key`: to a temporary file first, renamed into place when complete. */
export async function writeCached(dir: string, set: CachedSet): Promise<void> {
  await mkdir(dir, { recursive: true });
  const file = entryPath(dir, set.header.key);
  const temp = `${file}.${process.pid}-${randomBytes(4).toString('hex')}.tmp`;
  const json = Buffer.from(JSON.stringify(set.header));
  const head = Buffer.alloc(align(12 + json.length));
  head.write(MAGIC, 0, 'latin1');
  head.writeUInt32LE(json.length, 8);
  json.copy(head, 12);
  const handle = await open(temp, 'w');
  try {
    for (const part of [head, set.train.images, set.test.images, set.train.labels, set.test.labels]) {
      await handle.write(new Uint8Array(part.buffer, part.byteOffset, part.byteLength));
    }
    await handle.close();
    await rename(temp, file);
  } catch (e) {
    await handle.close().catch(() => {});
    await unlink(temp).catch(() => {});
    throw e;
  }
  await prune(dir);
}

/** Keeps the KEEP_ENTRIES most recently used entries and removes temporary files a stopped build left. */
async function prune(dir: string): Promise<void> {
  const names = await readdir(dir);
  const hourAgo = Date.now() - 3600_000;
  const entries = await Promise.all(names.map(async (n) => ({ n, s: await stat(path.join(dir, n)).catch(() => null) })));
  for (const e of entries) if (e.n.endsWith('.tmp') && e.s && e.s.mtimeMs < hourAgo) await unlink(path.join(dir, e.n)).catch(() => {});
  const bins = entries.filter((e) => e.n.endsWith('.bin') && e.s).sort((a, b) => b.s!.mtimeMs - a.s!.mtimeMs);
  for (const e of bins.slice(KEEP_ENTRIES)) await unlink(path.join(dir, e.n)).catch(() => {});
}
