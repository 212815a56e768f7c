// A few test images of every class, for the data's description on the site: one PNG strip per class of
// the first CLASS_EXAMPLES test images of that class (test order), side by side at THUMB_SCALE.
import type { ArtifactFile, ClassExamples } from '../artifacts/types';
import type { ModelInput } from '../model/description';
import { paintInputStrip, STRIP_GAP, THUMB_SCALE } from './inputImage';
import { encodePng } from './png';
import { mapLimit, type WriteArtifact } from './writeArtifact';

/** Images per class: four show a class's variety and still fit a narrow column at 84 px each. */
export const CLASS_EXAMPLES = 4;
/** White pixels between two images of a strip (the strip painter's own gap). */
export const CLASS_EXAMPLE_GAP = STRIP_GAP;
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

/** The images side by side, CLASS_EXAMPLE_GAP white pixels between them, each at `scale` (THUMB_SCALE). */
export function paintExampleStrip(images: Float32Array, indices: readonly number[], input: ModelInput, scale = THUMB_SCALE): { rgba: Uint8ClampedArray; width: number; height: number } {
  return paintInputStrip(images, indices, input, scale);
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
