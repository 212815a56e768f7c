import { describe, expect, it } from 'vitest';
import { KNOWN_FILES } from '../../pipeline/data/checksums';
import { checkSharedImages, knownDataset, SAMPLE, sharedImages } from '../../pipeline/data/dataSanity';
import type { IdxImages } from '../../pipeline/data/idx';

/** `count` distinct images: image i holds i in its first three bytes, unless `of` says which image to copy. */
function images(count: number, of: (i: number) => number = (i) => i): IdxImages {
  const pixels = new Uint8Array(count * 784);
  for (let i = 0; i < count; i++) {
    const v = of(i);
    pixels.set([v & 255, (v >> 8) & 255, (v >> 16) & 255, 1], i * 784);
  }
  return { count, rows: 28, cols: 28, pixels };
}

describe('sharedImages', () => {
  it(`checks an evenly spaced sample of at most ${SAMPLE} test images against every training image used`, () => {
    const train = images(3000);
    expect(sharedImages(train, 3000, images(2500), 2500)).toEqual({ sampled: 1000, shared: 1000, step: 2 });
    // Shared images only at odd test indices fall between the sampled ones (0, 2, 4, …).
    expect(sharedImages(train, 3000, images(2500, (i) => (i % 2 ? i : 100000 + i)), 2500)).toEqual({ sampled: 1000, shared: 0, step: 2 });
    expect(sharedImages(train, 3000, images(400, (i) => (i < 100 ? i : 100000 + i)), 400)).toEqual({ sampled: 400, shared: 100, step: 1 });
  });

  it('ignores training images beyond the ones used', () => {
    expect(sharedImages(images(3000), 100, images(50, (i) => 200 + i), 50).shared).toBe(0);
  });
});

describe('checkSharedImages', () => {
  it('names the sample in its refusal when the test set was sampled', () => {
    expect(() => checkSharedImages('/d', { sampled: 1000, shared: 1000, step: 10 }, 10000, () => {})).toThrow(
      '/d: all 1000 test images checked (one in 10 of 10000) are also training images: the test set is training data',
    );
  });

  it('says nothing when no test image is a training image', () => {
    const lines: string[] = [];
    checkSharedImages('/d', { sampled: 1000, shared: 0, step: 10 }, 10000, (l) => lines.push(l));
    expect(lines).toEqual([]);
  });
});

describe('knownDataset', () => {
  const byRole = (dataset: 'mnist' | 'fashion-mnist') => Object.fromEntries(Object.values(KNOWN_FILES).filter((k) => k.dataset === dataset && k.form === 'idx').map((k) => [k.role, k]));

  it('names the data set when all four files are its own, each in its role', () => {
    expect(knownDataset(byRole('mnist') as never)).toBe('mnist');
    expect(knownDataset(byRole('fashion-mnist') as never)).toBe('fashion-mnist');
  });

  it('is null for files of two data sets', () => {
    expect(knownDataset({ ...byRole('mnist'), testLabels: byRole('fashion-mnist').testLabels } as never)).toBeNull();
  });
});
