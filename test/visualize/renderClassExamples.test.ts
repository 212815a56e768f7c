import { describe, expect, it } from 'vitest';
import { CLASS_EXAMPLE_GAP, CLASS_EXAMPLES, classExampleIndices, classExamplesPath, paintExampleStrip, renderClassExamples } from '../../pipeline/visualize/renderClassExamples';
import { THUMB_SCALE } from '../../pipeline/visualize/inputImage';
import { decodePng } from './decodePng';
import { recordingWriter } from './recordingWriter';

const input = { height: 2, width: 3, channels: 3, scale: 'unit' as const };
const VALUES = 2 * 3 * 3;

/** Image i is one flat colour: red for label 0, green for 1, blue for 2, brighter for later images. */
function colourSet(labels: number[]): Float32Array {
  const images = new Float32Array(labels.length * VALUES);
  labels.forEach((label, i) => {
    for (let p = 0; p < 6; p++) images[i * VALUES + p * 3 + label] = (i + 1) / labels.length;
  });
  return images;
}

describe('class examples', () => {
  it('takes the first four test images of each class in test order, fewer when a class has fewer', () => {
    const labels = [2, 0, 0, 1, 0, 0, 0, 2, 0];
    expect(CLASS_EXAMPLES).toBe(4);
    expect(classExampleIndices(labels, 4)).toEqual([[1, 2, 4, 5], [3], [0, 7], []]);
  });

  it('ignores labels outside the model\'s classes', () => {
    expect(classExampleIndices([5, 0, -1, 1], 2)).toEqual([[1], [3]]);
  });

  it('puts the images side by side at the thumbnail scale with white gaps, in colour', () => {
    const labels = [0, 1, 0];
    const { rgba, width, height } = paintExampleStrip(colourSet(labels), [0, 2], input);
    expect([width, height]).toEqual([2 * 3 * THUMB_SCALE + CLASS_EXAMPLE_GAP, 2 * THUMB_SCALE]);
    const at = (x: number, y: number) => Array.from(rgba.subarray((y * width + x) * 4, (y * width + x) * 4 + 4));
    expect(at(0, 0)).toEqual([85, 0, 0, 255]); // image 0: red at 1/3
    expect(at(3 * THUMB_SCALE, 0)).toEqual([255, 255, 255, 255]); // the gap
    expect(at(width - 1, height - 1)).toEqual([255, 0, 0, 255]); // image 2: red at 3/3
  });

  it('writes one strip per class with test images, lists them by label and names the class without any', async () => {
    const labels = [0, 1, 0, 1, 1, 0, 0, 0];
    const { write, files } = recordingWriter();
    const result = await renderClassExamples({ images: colourSet(labels), labels }, input, 3, write);
    expect(result.classExamples).toEqual([
      { label: 0, image: classExamplesPath(0), indices: [0, 2, 5, 6] },
      { label: 1, image: classExamplesPath(1), indices: [1, 3, 4] },
    ]);
    expect(result.missing).toEqual([2]);
    expect(result.files.map((f) => [f.path, f.kind, f.meta?.label, f.meta?.count])).toEqual([
      ['visuals/classes/c000.png', 'class-examples', 0, 4],
      ['visuals/classes/c001.png', 'class-examples', 1, 3],
    ]);
    const strip = await decodePng(Buffer.from(files.get(classExamplesPath(1))!.bytes as Uint8Array));
    expect([strip.width, strip.height]).toEqual([3 * 9 + 2 * CLASS_EXAMPLE_GAP, 6]);
    expect(strip.hexAt(0, 0)).toBe('#004000'); // image 1 of 8: green at 2/8 = 64
  });
});
