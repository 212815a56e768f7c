// A few test images of every class, for the data's description on the site: one PNG strip per class of
// the first CLASS_EXAMPLES test images of that class (test order), side by side at THUMB_SCALE.
import type { ArtifactFile, ClassExamples } from '../artifacts/types';
import { inputSize, type ModelInput } from '../model/description';
import { paintInput, THUMB_SCALE } from './inputImage';
import { encodePng } from './png';
import { mapLimit, type WriteArtifact } from './writeArtifact';

/** Images per class: four show a class's variety and still fit a narrow column at 84 px each. */
export const CLASS_EXAMPLES = 4;
/** White pixels between two images of a strip, so images with dark edges stay apart. */
export const CLASS_EXAMPLE_GAP = 2;
const PARALLEL_ENCODES = 4;

export const classExamplesPath = (label: number) => `visuals/classes/c${String(label).padStart(3, '0')}.png`;

/** For each label 0 … classes − 1 the first `perClass` test indices with that label (fewer when the test set has fewer). */
export function classExampleIndices(labels: ArrayLike<number>, classes: number, perClass = CLASS_EXAMPLES): number[][] {
  const chosen = Array.from({ length: classes }, (): number[] => []);
  let full = 0;
  for (let i = 0; i < labels.length && full < classes; i++) {
    const list = chosen[labels[i]];
    if (!list || list.length >= perClass) continue;
    list.push(i);
    if (list.length === perClass) full++;
  }
  return chosen;
}

/** The images side by side, CLASS_EXAMPLE_GAP white pixels between them, each at `scale`. */
export function paintExampleStrip(images: Float32Array, indices: readonly number[], input: ModelInput, scale = THUMB_SCALE): { rgba: Uint8ClampedArray; width: number; height: number } {
  if (indices.length === 0) throw new Error('paintExampleStrip: no images to draw');
  const PIXELS = inputSize(input);
  const [tileWidth, height] = [input.width * scale, input.height * scale];
  const width = indices.length * tileWidth + (indices.length - 1) * CLASS_EXAMPLE_GAP;
  const rgba = new Uint8ClampedArray(width * height * 4).fill(255);
  indices.forEach((index, k) => {
    const tile = paintInput(images.subarray(index * PIXELS, (index + 1) * PIXELS), input, scale);
    const left = k * (tileWidth + CLASS_EXAMPLE_GAP);
    for (let y = 0; y < height; y++) rgba.set(tile.rgba.subarray(y * tileWidth * 4, (y + 1) * tileWidth * 4), (y * width + left) * 4);
  });
  return { rgba, width, height };
}

/** One strip per class that has test images, in label order; a class without any is left out and named in `missing`. */
export async function renderClassExamples(
  test: { images: Float32Array; labels: ArrayLike<number> },
  input: ModelInput,
  classes: number,
  write: WriteArtifact,
): Promise<{ classExamples: ClassExamples[]; files: ArtifactFile[]; missing: number[] }> {
  const perClass = classExampleIndices(test.labels, classes);
  const shown = perClass.flatMap((indices, label) => (indices.length > 0 ? [{ label, indices }] : []));
  const files = await mapLimit(shown, PARALLEL_ENCODES, async ({ label, indices }) => {
    const { rgba, width, height } = paintExampleStrip(test.images, indices, input);
    return write(classExamplesPath(label), await encodePng(rgba, width, height), 'class-examples', { label, count: indices.length, width, height });
  });
  return {
    classExamples: shown.map(({ label, indices }, k) => ({ label, image: files[k].path, indices })),
    files,
    missing: perClass.flatMap((indices, label) => (indices.length === 0 ? [label] : [])),
  };
}
