import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { renderTestImages } from '../../pipeline/visualize/renderTestImages';
import { artifactWriter } from '../../pipeline/visualize/writeArtifact';
import { readTestImage, testImageShardPath } from '../../shared/mnist/testImageShards';
import { TUTORIAL_DESCRIPTION } from '../model/tutorialDescription';

describe('renderTestImages', () => {
  it('writes shards of 50 from which every image and label reads back exactly', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'shards-'));
    const count = 130;
    const images = Float32Array.from({ length: count * 784 }, (_, i) => ((i * 7) % 256) / 255);
    const labels = Int32Array.from({ length: count }, (_, i) => i % 10);
    const files = await renderTestImages({ images, labels, count }, TUTORIAL_DESCRIPTION.input, artifactWriter(dir));
    expect(files.map((f) => [f.path, f.kind, f.meta])).toEqual([
      ['visuals/test-images/s00000.u8', 'test-images', { first: 0, count: 50, record: 785, shape: [28, 28, 1] }],
      ['visuals/test-images/s00050.u8', 'test-images', { first: 50, count: 50, record: 785, shape: [28, 28, 1] }],
      ['visuals/test-images/s00100.u8', 'test-images', { first: 100, count: 30, record: 785, shape: [28, 28, 1] }],
    ]);
    for (const index of [0, 49, 50, 129]) {
      const shard = new Uint8Array(await readFile(path.join(dir, testImageShardPath(index))));
      const { label, pixels } = readTestImage(shard, index);
      expect(label).toBe(index % 10);
      expect([...pixels]).toEqual([...images.subarray(index * 784, (index + 1) * 784)]);
    }
  });

  it('says so when an index is past the end of its shard', () => {
    expect(() => readTestImage(new Uint8Array(785 * 30), 131)).toThrow(/test image 131 is not in its shard/);
  });

  it('writes no empty shard when the count is a multiple of 50', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'shards-'));
    const files = await renderTestImages({ images: new Float32Array(100 * 784), labels: new Int32Array(100), count: 100 }, TUTORIAL_DESCRIPTION.input, artifactWriter(dir));
    expect(files.map((f) => [f.meta?.first, f.meta?.count])).toEqual([[0, 50], [50, 50]]);
  });

  it('writes a colour image as its height × width × 3 bytes, channels last, after the label', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'shards-'));
    const input = { height: 4, width: 5, channels: 3, scale: 'unit' as const };
    const values = 4 * 5 * 3;
    const images = Float32Array.from({ length: 3 * values }, (_, i) => ((i * 11) % 256) / 255);
    const files = await renderTestImages({ images, labels: Int32Array.from([2, 0, 1]), count: 3 }, input, artifactWriter(dir));
    expect(files[0].meta).toEqual({ first: 0, count: 3, record: 1 + values, shape: [4, 5, 3] });
    const shard = new Uint8Array(await readFile(path.join(dir, testImageShardPath(0))));
    expect(shard.length).toBe(3 * (1 + values));
    const { label, pixels } = readTestImage(shard, 2, values);
    expect(label).toBe(1);
    expect([...pixels]).toEqual([...images.subarray(2 * values, 3 * values)]);
  });
});
