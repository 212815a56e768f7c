// Which test images get attribution maps, and for which classes: the article's samples, the
// gallery and the misclassified images; each image once, with the network's answer and, when it
// is wrong, the true class as well.
import type { ExplainSet } from './explainIndex';
import { galleryIndices, misclassifiedIndices } from '../visualize/predictionsView';
import { selectSamples } from '../visualize/selectSamples';

export interface ExplainJob {
  sample: number;
  digit: number;
  role: 'predicted' | 'true';
}

export interface ExplainSelection {
  samples: { index: number; sets: ExplainSet[] }[];
  /** One row per (image, class), rows of one image adjacent. */
  jobs: ExplainJob[];
  misclassified: { total: number; explained: number };
  /** The sample picker's images (article first), used by the sanity check. */
  picker: number[];
}

export interface SelectionInput {
  articleSample: number;
  extraSamples: readonly number[];
  labels: ArrayLike<number>;
  predicted: ArrayLike<number>;
  seed: number;
  maxMisclassified: number;
  /** How many classes the model scores: the picker has one sample per class (at most PICKER_CLASSES). */
  classes: number;
}

export function selectExplained({ articleSample, extraSamples, labels, predicted, seed, maxMisclassified, classes }: SelectionInput): ExplainSelection {
  const picker = selectSamples({ articleSample, extraSamples, labels, predicted, classes }).samples.map((s) => s.index);
  const wrong = misclassifiedIndices(labels, predicted);
  const sets: [ExplainSet, number[]][] = [
    ['samples', picker],
    ['gallery', galleryIndices(labels.length, seed)],
    ['misclassified', wrong.slice(0, maxMisclassified)],
  ];
  const bySample = new Map<number, ExplainSet[]>();
  for (const [set, indices] of sets) for (const i of indices) bySample.set(i, [...(bySample.get(i) ?? []), set]);
  const samples = [...bySample].map(([index, s]) => ({ index, sets: s }));
  const jobs = samples.flatMap(({ index }): ExplainJob[] => {
    const answer: ExplainJob = { sample: index, digit: predicted[index], role: 'predicted' };
    return labels[index] === predicted[index] ? [answer] : [answer, { sample: index, digit: labels[index], role: 'true' }];
  });
  return { samples, jobs, misclassified: { total: wrong.length, explained: Math.min(wrong.length, maxMisclassified) }, picker };
}
