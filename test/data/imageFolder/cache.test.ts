import { mkdir, mkdtemp, readdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { cacheKey, readCached, writeCached, type CachedSet } from '../../../pipeline/data/imageFolder/cache';

const set = (key: string): CachedSet => ({
  header: { key, height: 2, width: 2, channels: 1, trainCount: 2, testCount: 1, smallest: [2, 2], largest: [5, 3], colourPictures: 0, greyPictures: 3 },
  train: { images: Float32Array.from({ length: 8 }, (_, i) => i / 7), labels: Int32Array.of(0, 1) },
  test: { images: Float32Array.of(0.1, 0.2, 0.3, 0.4), labels: Int32Array.of(1) },
});

describe('the decoded-picture cache', () => {
  it('reads back exactly what it wrote', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'cache-'));
    await writeCached(dir, set('k1'));
    const back = await readCached(dir, 'k1');
    expect(back).toEqual(set('k1'));
    expect(await readCached(dir, 'other')).toBeNull();
  });

  it('leaves neither an entry nor a temporary file when the write fails', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'cache-'));
    await mkdir(path.join(dir, 'k2.bin')); // the rename into place cannot replace a folder
    await expect(writeCached(dir, set('k2'))).rejects.toThrow();
    expect((await readdir(dir)).sort()).toEqual(['k2.bin']);
  });

  it('keys change with the listing, the target, the pictures used and the rule', () => {
    const base = { listingSha256: 'a', target: { height: 28, width: 28, channels: null }, trainCount: 10, testCount: 5, rule: 'r' } as const;
    const keys = new Set([
      cacheKey(base),
      cacheKey({ ...base, listingSha256: 'b' }),
      cacheKey({ ...base, target: { height: 28, width: 28, channels: 3 } }),
      cacheKey({ ...base, target: { height: 32, width: 32, channels: null } }),
      cacheKey({ ...base, trainCount: 11 }),
      cacheKey({ ...base, rule: 's' }),
    ]);
    expect(keys.size).toBe(6);
  });
});
