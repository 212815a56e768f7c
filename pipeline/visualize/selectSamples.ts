// Which test images get their feature maps drawn: the tutorial's image 51, one correctly
// classified image of each digit, and any extra indices given with --samples.
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
}

/**
 * Article sample first, then digits 0–9, then extras, each index once (its first role wins).
 * For each digit the first correctly classified image by index; if there is none (an untrained
 * model), the first image of that digit, with a note. `notes` says what was substituted or missing.
 */
export function selectSamples({ articleSample, extraSamples, labels, predicted }: SampleInput): {
  samples: SampleChoice[];
  notes: string[];
} {
  const count = labels.length;
  checkTestIndex(articleSample, count, 'article sample');
  for (const index of extraSamples) checkTestIndex(index, count, '--samples');

  const notes: string[] = [];
  const chosen: SampleChoice[] = [{ index: articleSample, role: 'article' }];
  for (let digit = 0; digit <= 9; digit++) {
    let first = -1;
    let firstCorrect = -1;
    for (let i = 0; i < count && firstCorrect < 0; i++) {
      if (labels[i] !== digit) continue;
      if (first < 0) first = i;
      if (predicted[i] === digit) firstCorrect = i;
    }
    if (firstCorrect >= 0) chosen.push({ index: firstCorrect, role: 'digit' });
    else if (first >= 0) {
      chosen.push({ index: first, role: 'digit' });
      notes.push(`no test image of digit ${digit} is classified correctly; showing test image ${first} (predicted ${predicted[first]})`);
    } else notes.push(`the test set has no image of digit ${digit}`);
  }
  for (const index of extraSamples) chosen.push({ index, role: 'extra' });

  const seen = new Set<number>();
  const samples = chosen.filter(({ index }) => !seen.has(index) && seen.add(index));
  return { samples, notes };
}
