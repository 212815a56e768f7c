import { copyFile, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { createHash } from 'node:crypto';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { defaultDataDir, loadMnist } from '../../pipeline/data/loadMnist';
import { writeTinyIdxFolder } from './fixtures';

describe('loadMnist', () => {
  it('reads the packaged MNIST, verifies all four checksums and scales pixels to [0, 1]', async () => {
    const data = await loadMnist({ dataDir: null, trainLimit: 100, testLimit: 60 });
    expect(data.info.trainAvailable).toBe(60000);
    expect(data.info.testAvailable).toBe(10000);
    expect(data.info.files.every((f) => f.checksumKnown)).toBe(true);
    expect(data.train.images.length).toBe(100 * 784);
    expect(data.test.count).toBe(60);
    expect(Math.max(...data.train.images)).toBeLessThanOrEqual(1);
    expect(Math.max(...data.train.images)).toBeGreaterThan(0.9);
    expect(data.test.labels[51]).toBe(3); // the tutorial's digit
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
    await expect(loadMnist({ dataDir: dir, trainLimit: 10, testLimit: 10 })).rejects.toThrow(/SHA256SUMS lists train-images-idx3-ubyte, but the folder holds train-images-idx3-ubyte\.gz.*as they are on disk/);
  });
});
