import { readFile, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { sha256 } from '../../pipeline/artifacts/describeFile';
import { artifactWriter, mapLimit, round7, sampleStem } from '../../pipeline/visualize/writeArtifact';

describe('artifactWriter', () => {
  it('writes under the folder, creating sub-folders, and returns the manifest entry with its metadata', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'writer-'));
    try {
      const entry = await artifactWriter(dir)('visuals/a/b.json', '{"x":1}', 'layer-data', { layer: 'conv2d' });
      const bytes = await readFile(path.join(dir, 'visuals', 'a', 'b.json'));
      expect(entry).toEqual({ path: 'visuals/a/b.json', kind: 'layer-data', bytes: 7, sha256: sha256(bytes), meta: { layer: 'conv2d' } });
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe('mapLimit', () => {
  it('keeps the input order and never has more than `limit` calls in flight', async () => {
    let inFlight = 0;
    let most = 0;
    const seen: number[] = [];
    const result = await mapLimit([30, 5, 20, 1, 10], 2, async (ms, i) => {
      inFlight++;
      most = Math.max(most, inFlight);
      await new Promise((r) => setTimeout(r, ms));
      inFlight--;
      seen.push(i);
      return ms * 2;
    });
    expect(result).toEqual([60, 10, 40, 2, 20]);
    expect(most).toBe(2);
    expect(seen.sort()).toEqual([0, 1, 2, 3, 4]);
  });

  it('handles fewer items than the limit, and none', async () => {
    expect(await mapLimit([1], 4, async (x) => x + 1)).toEqual([2]);
    expect(await mapLimit([], 4, async (x: number) => x)).toEqual([]);
  });
});

describe('file names and rounding', () => {
  it('names a test image by its index padded to five digits', () => {
    expect([sampleStem(51), sampleStem(0), sampleStem(12345)]).toEqual(['t00051', 't00000', 't12345']);
  });

  it('rounds to 7 significant digits and leaves non-finite values alone', () => {
    expect(round7(0.123456789)).toBe(0.1234568);
    expect(round7(123456.789)).toBe(123456.8);
    expect(round7(Number.POSITIVE_INFINITY)).toBe(Number.POSITIVE_INFINITY);
    expect(round7(Number.NaN)).toBeNaN();
  });
});
