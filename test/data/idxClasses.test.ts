import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { encodeIdxLabels } from '../../pipeline/data/idx';
import { loadMnist } from '../../pipeline/data/loadMnist';
import { writeTinyIdxFolder } from './fixtures';

const load = (dir: string) => loadMnist({ dataDir: dir, trainLimit: 100, testLimit: 100 });
const names = (n: number) => Array.from({ length: n }, (_, i) => `thing ${i}`);

describe('the classes of IDX data', () => {
  it('are "class 0 … class N−1" for unknown data without classes.json, N one more than the largest label', async () => {
    const dir = await writeTinyIdxFolder({ train: 60, test: 60 });
    const { info } = await load(dir);
    expect(info.classes.source).toBe('numbered');
    expect(info.classes.en).toHaveLength(10);
  });

  it('come from a classes.json beside the files', async () => {
    const dir = await writeTinyIdxFolder({ train: 60, test: 60 });
    await writeFile(path.join(dir, 'classes.json'), JSON.stringify({ en: names(10), zh: names(10).map((n) => `物 ${n}`) }));
    const { info } = await load(dir);
    expect(info.classes).toMatchObject({ source: 'classes.json', en: names(10), zhFromEnglish: false, noun: 'image' });
  });

  it('may number more than ten: label 12 is fine with thirteen names', async () => {
    const dir = await writeTinyIdxFolder({ train: 60, test: 60 });
    await writeFile(path.join(dir, 'train-labels-idx1-ubyte'), encodeIdxLabels(Uint8Array.from({ length: 60 }, (_, i) => (i === 5 ? 12 : i % 10))));
    await writeFile(path.join(dir, 'classes.json'), JSON.stringify({ en: names(13) }));
    expect((await load(dir)).info.classes.en).toHaveLength(13);
  });

  it('refuse a label outside classes.json\'s names, naming the file, the position, the value and the class count', async () => {
    const dir = await writeTinyIdxFolder({ train: 60, test: 60 });
    await writeFile(path.join(dir, 'train-labels-idx1-ubyte'), encodeIdxLabels(Uint8Array.from({ length: 60 }, (_, i) => (i === 5 ? 12 : i % 10))));
    await writeFile(path.join(dir, 'classes.json'), JSON.stringify({ en: names(10) }));
    await expect(load(dir)).rejects.toThrowError(`${path.join(dir, 'train-labels-idx1-ubyte')}: label at position 5 (0-based) is 12, but the data has 10 classes (the names in ${path.join(dir, 'classes.json')}), so labels must be 0–9.`);
  });

  it('refuse labels that would make more than 100 classes', async () => {
    const dir = await writeTinyIdxFolder({ train: 60, test: 60 });
    await writeFile(path.join(dir, 't10k-labels-idx1-ubyte'), encodeIdxLabels(Uint8Array.from({ length: 60 }, (_, i) => (i === 0 ? 150 : i % 10))));
    await expect(load(dir)).rejects.toThrowError(/t10k-labels-idx1-ubyte: the largest label is 150, so the data has 151 classes, more than the 100 the report can show/);
  });

  it('refuse a malformed classes.json before anything is trained', async () => {
    const dir = await writeTinyIdxFolder({ train: 60, test: 60 });
    await writeFile(path.join(dir, 'classes.json'), JSON.stringify({ en: names(10), de: names(10) }));
    await expect(load(dir)).rejects.toThrowError(/classes\.json: unknown key "de"/);
  });
});
