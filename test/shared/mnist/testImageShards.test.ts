// Reading one test image back from its shard, for the tutorial's 28×28 records and for any model's input.
import { describe, expect, it } from 'vitest';
import { readTestImage, TEST_IMAGE_RECORD, TEST_IMAGES_PER_SHARD, testImageRecord } from '../../../shared/mnist/testImageShards';

/** A shard of `count` records of `values` pixel bytes each: label = record number, pixel k of record r = (r + k) % 256. */
function shard(count: number, values: number): Uint8Array {
  const record = testImageRecord(values);
  const bytes = new Uint8Array(count * record);
  for (let r = 0; r < count; r++) {
    bytes[r * record] = r % 10;
    for (let k = 0; k < values; k++) bytes[r * record + 1 + k] = (r + k) % 256;
  }
  return bytes;
}

describe('readTestImage', () => {
  it('reads a 28×28 record by default, the tutorial’s layout', () => {
    expect(testImageRecord(784)).toBe(TEST_IMAGE_RECORD);
    const { label, pixels } = readTestImage(shard(3, 784), TEST_IMAGES_PER_SHARD + 2);
    expect(label).toBe(2);
    expect(pixels).toHaveLength(784);
    expect(pixels[0]).toBeCloseTo(2 / 255, 7);
    expect(pixels[783]).toBeCloseTo(((2 + 783) % 256) / 255, 7);
  });

  it('reads records of another input size (here 8×6×3) at their own offsets', () => {
    const { label, pixels } = readTestImage(shard(5, 144), 4, 144);
    expect(label).toBe(4);
    expect(pixels).toHaveLength(144);
    expect(pixels[0]).toBeCloseTo(4 / 255, 7);
    expect(pixels[143]).toBeCloseTo(147 / 255, 7);
  });

  it('says when the shard is too short for the image asked for', () => {
    expect(() => readTestImage(shard(4, 144), 4, 144)).toThrow('test image 4 is not in its shard (580 bytes)');
  });
});
