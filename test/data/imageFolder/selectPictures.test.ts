import { describe, expect, it } from 'vitest';
import { selectPictures } from '../../../pipeline/data/imageFolder/selectPictures';

const listed = (labels: number[]) => labels.map((label, i) => ({ path: `p${i}`, size: 1, mtimeMs: 0, label }));

describe('selectPictures', () => {
  it('takes the classes in turn, so the first N keep every class, and uneven classes run out in order', () => {
    const pics = listed([0, 0, 0, 1, 2, 2]);
    expect(selectPictures(pics, 3, 100).map((p) => p.path)).toEqual(['p0', 'p3', 'p4', 'p1', 'p5', 'p2']);
    expect(selectPictures(pics, 3, 4).map((p) => p.label)).toEqual([0, 1, 2, 0]);
  });
});
