// Which test images get their feature maps drawn: the tutorial's image 51, one correctly
// classified image of each of (at most PICKER_CLASSES) classes, and any extra indices given with --samples.
import type { VisualSample } from '../artifacts/types';

export interface SampleChoice {
  index: number;
  role: VisualSample['role'];
}

/**
 * Throws unless `index` names an image of a test set of `count` images. `source` names where it came from;
 * `fail` makes the error, so a caller that checks user input can throw an expected (usage) error.
 */
export function checkTestIndex(index: number, count: number, source: string, fail: (message: string) => Error = (m) => new Error(m)): void {
  const range = count > 0 ? `the test set has ${count} images (0–${count - 1})` : 'the test set is empty';
  if (!Number.isInteger(index)) throw fail(`${source}: test index ${index} is not a whole number; ${range}`);
  if (index < 0 || index >= count) throw fail(`${source}: test index ${index} does not exist; ${range}`);
}

export interface SampleInput {
  articleSample: number;
  extraSamples: readonly number[];
  labels: ArrayLike<number>;
  predicted: ArrayLike<number>;
  /** How many classes the model scores (labels 0 … classes − 1). */
  classes: number;
}

/**
 * At most this many classes get a sample of their own (role 'digit'): each sample costs a forward pass
 * and a grid per visualized layer, and the site's picker shows them side by side, which ten still fit.
 */
export const PICKER_CLASSES = 10;

/**
 * The classes that get a picker sample: every class when there are at most PICKER_CLASSES, else
 * PICKER_CLASSES spread evenly over the labels (0, 10, 20, … for 100 classes), so the picker is not
 * just the first few classes of the list.
 */
export function pickerClasses(classes: number): number[] {
  if (classes <= PICKER_CLASSES) return Array.from({ length: classes }, (_, k) => k);
  return Array.from({ length: PICKER_CLASSES }, (_, k) => Math.floor((k * classes) / PICKER_CLASSES));
}

/**
 * Article sample first, then one image of each picker class (pickerClasses), then extras, each index once
 * (its first role wins). For each class the first correctly classified image by index; if there is none (an
 * untrained model), the first image of that class, with a note. `notes` says what was substituted or missing.
 */
export function selectSamples({ articleSample, extraSamples, labels, predicted, classes }: SampleInput): {
  samples: SampleChoice[];
  notes: string[];
} {
  const count = labels.length;
  checkTestIndex(articleSample, count, 'article sample');
  for (const index of extraSamples) checkTestIndex(index, count, '--samples');

  const notes: string[] = [];
  const chosen: SampleChoice[] = [{ index: articleSample, role: 'article' }];
  const picked = pickerClasses(classes);
  if (picked.length < classes) notes.push(`${classes} classes: the sample picker shows ${picked.length} of them (classes ${picked.join(', ')})`);
  for (const label of picked) {
    let first = -1;
    let firstCorrect = -1;
    for (let i = 0; i < count && firstCorrect < 0; i++) {
      if (labels[i] !== label) continue;
      if (first < 0) first = i;
      if (predicted[i] === label) firstCorrect = i;
    }
    // The role keeps its name from the digits (the site reads it): one sample per class.
    if (firstCorrect >= 0) chosen.push({ index: firstCorrect, role: 'digit' });
    else if (first >= 0) {
      chosen.push({ index: first, role: 'digit' });
      notes.push(`no test image of class ${label} is classified correctly; showing test image ${first} (predicted ${predicted[first]})`);
    } else notes.push(`the test set has no image of class ${label}`);
  }
  for (const index of extraSamples) chosen.push({ index, role: 'extra' });

  const seen = new Set<number>();
  const samples = chosen.filter(({ index }) => !seen.has(index) && seen.add(index));
  return { samples, notes };
}
