// Compares the two picture decoders at hand for image folders (pipeline/data/imageFolder): sharp (libvips) and
// @napi-rs/canvas (Skia: loadImage + drawImage + getImageData), on 10,000 small PNGs made here in a temp folder;
// then times the whole load (list, decode across the cores, fit, cache) and a reload from the cache.
// Also checks what each decoder does with a truncated file. Run: npx tsx bench/decodeImages.ts [--count N] [--size S]
import { createCanvas, loadImage } from '@napi-rs/canvas';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { availableParallelism, tmpdir } from 'node:os';
import path from 'node:path';
import { fitImage } from '../shared/data/fitImage';
import { decodePicture } from '../pipeline/data/imageFolder/decodePicture';
import { decodePictures } from '../pipeline/data/imageFolder/decodePool';
import { loadImageFolder } from '../pipeline/data/imageFolder/loadImageFolder';

const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const COUNT = arg('count', 10_000);
const SIZE = arg('size', 28);
const CLASSES = 10;
const target = { height: 28, width: 28, channels: 1 as const };

/** A folder of COUNT PNGs (80 % train, 20 % test), each a bright square whose place depends on its class. */
async function makeFolder(root: string): Promise<string[]> {
  const canvas = createCanvas(SIZE, SIZE);
  const ctx = canvas.getContext('2d');
  const files: string[] = [];
  for (let i = 0; i < COUNT; i++) {
    const split = Math.floor(i / CLASSES) % 5 === 4 ? 'test' : 'train';
    const label = i % CLASSES;
    const dir = path.join(root, split, `class${label}`);
    await mkdir(dir, { recursive: true });
    ctx.fillStyle = '#000';
    ctx.fillRect(0, 0, SIZE, SIZE);
    const v = 150 + (i % 100);
    ctx.fillStyle = `rgb(${v},${v},${v})`;
    ctx.fillRect((label % 5) * (SIZE / 5), Math.floor(label / 5) * (SIZE / 2), SIZE / 4, SIZE / 3);
    const file = path.join(dir, `${String(i).padStart(5, '0')}.png`);
    await writeFile(file, canvas.toBuffer('image/png'));
    files.push(file);
  }
  return files;
}

async function time<T>(what: string, run: () => Promise<T>): Promise<T> {
  const t0 = performance.now();
  const result = await run();
  console.log(`${what.padEnd(58)} ${((performance.now() - t0) / 1000).toFixed(2).padStart(6)} s`);
  return result;
}

async function canvasDecode(bytes: Uint8Array) {
  const image = await loadImage(bytes);
  const ctx = createCanvas(image.width, image.height).getContext('2d');
  ctx.drawImage(image, 0, 0);
  return { data: ctx.getImageData(0, 0, image.width, image.height).data, width: image.width, height: image.height };
}

async function truncation(): Promise<void> {
  const canvas = createCanvas(64, 64);
  const ctx = canvas.getContext('2d');
  ctx.fillStyle = '#c83';
  ctx.fillRect(8, 8, 48, 48);
  for (const mime of ['image/png', 'image/jpeg', 'image/webp'] as const) {
    const full = mime === 'image/png' ? canvas.toBuffer(mime) : canvas.toBuffer(mime);
    const cut = full.subarray(0, Math.floor(full.length * 0.9));
    const outcome = (p: Promise<unknown>) => p.then(() => 'decoded without an error', (e: Error) => `refused (${e.message.split('\n')[0].slice(0, 60)})`);
    console.log(`truncated ${mime.padEnd(11)} canvas: ${await outcome(canvasDecode(cut))}; sharp: ${await outcome(decodePicture(cut))}`);
  }
}

const root = await mkdtemp(path.join(tmpdir(), 'decode-bench-'));
try {
  console.log(`${COUNT.toLocaleString('en-US')} ${SIZE}×${SIZE} PNGs, ${availableParallelism()} cores, fitted to 28×28×1\n`);
  const files = await time('write the files (canvas encode)', () => makeFolder(root));
  const bytes = await Promise.all(files.map((f) => readFile(f)));
  await time('canvas: decode + fit, main thread (bytes in memory)', () => Promise.all(bytes.map(async (b) => fitImage(await canvasDecode(b), target))));
  await time('sharp: decode + fit, main thread (bytes in memory)', () => Promise.all(bytes.map(async (b) => fitImage(await decodePicture(b), target))));
  for (const threads of [...new Set([1, Math.max(1, Math.floor(availableParallelism() / 2)), availableParallelism()])]) {
    await time(`sharp: read + decode + fit, pool of ${threads} worker thread${threads > 1 ? 's' : ''}`, () => decodePictures({ files, target, threads }));
  }
  const cacheDir = path.join(root, 'cache');
  const load = () => loadImageFolder({ dir: root, trainLimit: COUNT, testLimit: COUNT, target: { ...target, channels: null }, cacheDir, log: (l) => console.log(`  ${l}`) });
  await time('full load, cold (list, decode, fit, write the cache)', load);
  await time('full load, warm (list, read the cache)', load);
  await truncation();
} finally {
  await rm(root, { recursive: true, force: true });
}
