import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { DataError } from '../../pipeline/data/dataError';
import { isImageFolder, loadData } from '../../pipeline/data/loadData';
import { writeTinyIdxFolder } from './fixtures';
import { pictures, writeFolder } from './imageFolder/fixtures';

const config = { dataDir: null as string | null, trainLimit: 100, testLimit: 100 };
const log = () => {};

describe('loadData', () => {
  it('reads a folder with train/ and test/ as an image folder and IDX files otherwise', async () => {
    const folder = await writeFolder(pictures(['a', 'b'], 1));
    const idx = await writeTinyIdxFolder({ train: 60, test: 60 });
    expect(isImageFolder(folder)).toBe(true);
    expect(isImageFolder(idx)).toBe(false);
    const cacheDir = await mkdtemp(path.join(tmpdir(), 'c-'));
    expect((await loadData({ config: { ...config, dataDir: folder }, log, cacheDir })).info.format).toBe('folder');
    expect((await loadData({ config: { ...config, dataDir: idx }, log })).info.format).toBe('idx');
  });

  it('fits pictures to 28×28 by default, to a model\'s input when given one, and to the flags above all', async () => {
    const folder = await writeFolder(pictures(['a', 'b'], 1));
    const cacheDir = await mkdtemp(path.join(tmpdir(), 'c-'));
    const shape = async (extra: object, input?: { height: number; width: number; channels: number }) => {
      const { info } = await loadData({ config: { ...config, dataDir: folder, ...extra }, log, cacheDir, input });
      return [info.height, info.width, info.channels];
    };
    expect(await shape({})).toEqual([28, 28, 1]);
    expect(await shape({}, { height: 32, width: 24, channels: 3 })).toEqual([32, 24, 3]);
    expect(await shape({ imageSize: 22, channels: 1 }, { height: 32, width: 24, channels: 3 })).toEqual([22, 22, 1]);
  });

  it('refuses --image-size and --channels with IDX data, which is 28×28×1 as stored', async () => {
    const idx = await writeTinyIdxFolder({ train: 60, test: 60 });
    const given = loadData({ config: { ...config, dataDir: idx, imageSize: 32, channels: 3 }, log });
    await expect(given).rejects.toBeInstanceOf(DataError);
    await expect(given).rejects.toThrowError(`${idx}: --image-size 32 and --channels 3 fit the pictures of an image folder, but this is IDX data, which is 28×28×1 as stored.`);
  });

  it('names the missing half of an image folder rather than asking for IDX files', async () => {
    const half = await writeFolder({ 'train/a/1.txt': 'x' });
    await expect(loadData({ config: { ...config, dataDir: half }, log })).rejects.toThrowError(/has no test\/ folder/);
  });
});
