import { mkdtemp, readdir, readFile, truncate, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { DataError } from '../../../pipeline/data/dataError';
import { loadImageFolder, type ImageFolderOptions } from '../../../pipeline/data/imageFolder/loadImageFolder';
import { pictureBytes, pictures, writeFolder } from './fixtures';

const grey = { height: 8, width: 8, channels: null };

async function load(dir: string, extra: Partial<ImageFolderOptions> = {}) {
  const lines: string[] = [];
  const cacheDir = extra.cacheDir ?? (await mkdtemp(path.join(tmpdir(), 'imgcache-')));
  const data = await loadImageFolder({ dir, trainLimit: 1000, testLimit: 1000, target: grey, threads: 2, cacheDir, log: (l) => lines.push(l), ...extra });
  return { data, lines, cacheDir };
}

describe('loadImageFolder', () => {
  it('reads every picture fitted to the input, labelled by class folder, grey pictures as one channel', async () => {
    const dir = await writeFolder(pictures(['cat', 'dog'], 2));
    const { data } = await load(dir);
    expect(data.info).toMatchObject({ format: 'folder', height: 8, width: 8, channels: 1, trainCount: 4, testCount: 4, trainAvailable: 4, testAvailable: 4, files: [], known: null });
    expect(data.info.classes).toEqual({ en: ['cat', 'dog'], zh: ['cat', 'dog'], source: 'folders', zhFromEnglish: true, noun: 'image' });
    expect(data.train.images).toHaveLength(4 * 64);
    // Classes in turn: cat, dog, cat, dog.
    expect(Array.from(data.train.labels)).toEqual([0, 1, 0, 1]);
    // The 12-pixel picture's centre square (pixels 3–8) at 8/12 scale covers output pixels 2–5 fully: rgb(100…) for cat.
    expect(data.train.images[0 * 64 + 3 * 8 + 3]).toBeCloseTo(100 / 255, 5);
    expect(data.train.images[1 * 64 + 3 * 8 + 3]).toBeCloseTo(120 / 255, 5);
    expect(data.train.images[0]).toBe(0);
    expect(data.info.folder).toMatchObject({ fit: 'centre-crop', smallest: [12, 12], largest: [12, 12], greyPictures: 8, colourPictures: 0, skipped: 0 });
  });

  it('decodes nothing the second time and says so; a changed file makes it decode again and name the reason', async () => {
    const dir = await writeFolder(pictures(['cat', 'dog'], 2));
    const first = await load(dir);
    expect(first.lines.at(-1)).toMatch(/^images: decoded 8 pictures in [\d.]+ s \(stale: not decoded before\)$/);
    const second = await load(dir, { cacheDir: first.cacheDir });
    expect(second.lines.at(-1)).toBe('images: 8 pictures from the cache (fresh)');
    expect(Array.from(second.data.train.images)).toEqual(Array.from(first.data.train.images));
    expect(Array.from(second.data.test.labels)).toEqual(Array.from(first.data.test.labels));
    expect(second.data.info).toEqual(first.data.info);
    await utimes(path.join(dir, 'test/dog/001.png'), new Date(2021, 0, 1), new Date(2021, 0, 1));
    const third = await load(dir, { cacheDir: first.cacheDir });
    expect(third.lines.at(-1)).toMatch(/stale: the folder's files changed/);
    const fourth = await load(dir, { cacheDir: first.cacheDir, target: { height: 6, width: 6, channels: 3 } });
    expect(fourth.lines.at(-1)).toMatch(/stale: the input changed 8×8×auto → 6×6×3/);
    expect(fourth.data.info.channels).toBe(3);
  });

  it('decodes again over a damaged cache entry and leaves no temporary files behind', async () => {
    const dir = await writeFolder(pictures(['cat', 'dog'], 1));
    const first = await load(dir);
    const [entry] = (await readdir(first.cacheDir)).filter((f) => f.endsWith('.bin'));
    const file = path.join(first.cacheDir, entry);
    await truncate(file, (await readFile(file)).length - 16);
    const again = await load(dir, { cacheDir: first.cacheDir });
    expect(again.lines.at(-1)).toMatch(/decoded 4 pictures .*stale: .*\.bin is \d+ bytes, not the \d+ its header declares/);
    expect(Array.from(again.data.train.images)).toEqual(Array.from(first.data.train.images));
    expect((await readdir(first.cacheDir)).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  it('reads JPEG and WebP as well as PNG, and colour pictures as three channels', async () => {
    const dir = await writeFolder({
      'train/a/1.jpg': pictureBytes('#ff0000', 16, 'jpeg'), 'train/b/1.webp': pictureBytes('#0000ff', 16, 'webp'),
      'test/a/1.png': pictureBytes('#ff0000', 16), 'test/b/1.png': pictureBytes('#0000ff', 16),
    });
    const { data } = await load(dir);
    expect(data.info.channels).toBe(3);
    const centre = (i: number) => Array.from(data.train.images.subarray((i * 64 + 4 * 8 + 4) * 3, (i * 64 + 4 * 8 + 4) * 3 + 3));
    expect(centre(0)[0]).toBeGreaterThan(0.9); // red stays red through JPEG
    expect(centre(0)[2]).toBeLessThan(0.1);
    expect(centre(1)[2]).toBeGreaterThan(0.9);
  });

  it('uses a class-balanced first N with --train-limit / --test-limit', async () => {
    const dir = await writeFolder(pictures(['a', 'b', 'c'], 4));
    const { data } = await load(dir, { trainLimit: 5, testLimit: 3 });
    expect(Array.from(data.train.labels)).toEqual([0, 1, 2, 0, 1]);
    expect(Array.from(data.test.labels)).toEqual([0, 1, 2]);
    expect(data.info).toMatchObject({ trainCount: 5, testCount: 3, trainAvailable: 12, testAvailable: 12 });
  });

  it('names a truncated picture', async () => {
    const dir = await writeFolder(pictures(['a', 'b'], 1));
    const file = path.join(dir, 'train/b/000.png');
    const bytes = await readFile(file);
    await writeFile(file, bytes.subarray(0, Math.floor(bytes.length * 0.8)));
    const error = await load(dir).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DataError);
    expect((error as Error).message).toMatch(new RegExp(`^${file}: cannot be decoded as a PNG, JPEG or WebP picture .*corrupt, truncated or not a picture`));
  });

  it('names a file with a picture\'s name that is not a picture', async () => {
    const dir = await writeFolder({ ...pictures(['a', 'b'], 1), 'test/a/fake.jpg': 'not a jpeg' });
    await expect(load(dir)).rejects.toThrowError(`${path.join(dir, 'test/a/fake.jpg')}: cannot be decoded`);
  });

  it('skips files that are not pictures by name, with one line naming how many and the first few', async () => {
    const dir = await writeFolder({ ...pictures(['a', 'b'], 1), 'train/a/Thumbs.db': 'x', 'test/b/notes.txt': 'x' });
    const { data, lines } = await load(dir);
    expect(lines).toContain('images: skipped 2 files that are not a picture by name (.png, .jpg, .jpeg, .webp) or not inside a class folder: test/b/notes.txt, train/a/Thumbs.db');
    expect(data.info.folder).toMatchObject({ skipped: 2, skippedExamples: ['test/b/notes.txt', 'train/a/Thumbs.db'] });
  });

  it('refuses grey and colour pictures mixed without --channels, and converts them with it', async () => {
    const dir = await writeFolder({ ...pictures(['a', 'b'], 1), 'train/b/colour.png': pictureBytes('#ff8800') });
    await expect(load(dir)).rejects.toThrowError(/4 of 5 pictures are greyscale \(e\.g\. train\/a\/000\.png\) and the rest colour \(e\.g\. train\/b\/colour\.png\)\. Pass --channels 3 .* or --channels 1/);
    expect((await load(dir, { target: { ...grey, channels: 1 } })).data.info).toMatchObject({ channels: 1, folder: { colourPictures: 1, greyPictures: 4 } });
    expect((await load(dir, { target: { ...grey, channels: 3 } })).data.train.images).toHaveLength(3 * 64 * 3);
  });

  it(`refuses a picture over 4096×4096 pixels, saying the cap`, async () => {
    const big = await sharp({ create: { width: 4097, height: 4096, channels: 3, background: '#000' } }).png().toBuffer();
    const dir = await writeFolder({ ...pictures(['a', 'b'], 1), 'train/a/huge.png': big });
    await expect(load(dir)).rejects.toThrowError(`${path.join(dir, 'train/a/huge.png')}: is 4097×4096 pixels, more than the 16,777,216 (4096×4096) read`);
  });

  it('crops a wide picture to the centre and records the smallest and largest', async () => {
    const dir = await writeFolder({ ...pictures(['a', 'b'], 1), 'train/a/wide.png': await sharp({ create: { width: 40, height: 10, channels: 3, background: '#fff' } }).png().toBuffer() });
    const { data } = await load(dir);
    expect(data.info.folder).toMatchObject({ smallest: [12, 12], largest: [40, 10] });
  });

  it('takes display names from classes.json in folder order, and refuses a count that does not match the folders', async () => {
    const dir = await writeFolder({ ...pictures(['cat', 'dog'], 1), 'classes.json': JSON.stringify({ en: ['Cat', 'Dog'], zh: ['猫', '狗'] }) });
    const { data, lines } = await load(dir);
    expect(data.info.classes).toMatchObject({ en: ['Cat', 'Dog'], zh: ['猫', '狗'], source: 'classes.json', zhFromEnglish: false });
    expect(lines.join('\n')).toMatch(/class names from .*classes\.json: cat → Cat, dog → Dog/);
    await writeFile(path.join(dir, 'classes.json'), JSON.stringify({ en: ['Cat', 'Dog', 'Bird'] }));
    await expect(load(dir)).rejects.toThrowError(/"en" has 3 names, but train\/ has 2 class folders \(cat, dog, in that order\)/);
  });

  it('refuses a single class folder', async () => {
    const dir = await writeFolder(pictures(['only'], 1));
    await expect(load(dir)).rejects.toThrowError(/train\/ holds 1 class folder, so the data has 1 class, but a classifier needs at least 2/);
  });
});
