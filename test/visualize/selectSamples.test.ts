import { describe, expect, it } from 'vitest';
import { checkTestIndex, pickerClasses, PICKER_CLASSES, selectSamples } from '../../pipeline/visualize/selectSamples';

// 30 images: labels cycle 0–9; the model is right everywhere except on the first two 4s.
const labels = Array.from({ length: 30 }, (_, i) => i % 10);
const predicted = labels.map((d, i) => (i === 4 || i === 14 ? 9 : d));

describe('selectSamples', () => {
  it('takes the article sample, then the first correct image of each digit, then extras, each once', () => {
    const { samples, notes } = selectSamples({ articleSample: 13, extraSamples: [2, 29, 29], labels, predicted, classes: 10 });
    expect(samples).toEqual([
      { index: 13, role: 'article' },
      ...[0, 1, 2, 3, 24, 5, 6, 7, 8, 9].map((index) => ({ index, role: 'digit' })),
      { index: 29, role: 'extra' },
    ]);
    expect(notes).toEqual([]);
  });

  it('falls back to the first image of a digit nobody classified correctly, and says so', () => {
    const wrongFours = labels.map((d) => (d === 4 ? 0 : d));
    const { samples, notes } = selectSamples({ articleSample: 0, extraSamples: [], labels, predicted: wrongFours, classes: 10 });
    expect(samples.find((s) => labels[s.index] === 4)).toEqual({ index: 4, role: 'digit' });
    expect(notes).toEqual(['no test image of class 4 is classified correctly; showing test image 4 (predicted 0)']);
  });

  it('notes a digit that is missing from the test set', () => {
    const { samples, notes } = selectSamples({ articleSample: 0, extraSamples: [], labels: [0, 1, 2], predicted: [0, 1, 2], classes: 10 });
    expect(samples.map((s) => s.index)).toEqual([0, 1, 2]);
    expect(notes).toHaveLength(7);
    expect(notes[0]).toBe('the test set has no image of class 3');
  });

  it('rejects a --samples index outside the test set with the range in the message', () => {
    expect(() => selectSamples({ articleSample: 1, extraSamples: [12345], labels, predicted, classes: 10 })).toThrow(
      '--samples: test index 12345 does not exist; the test set has 30 images (0–29)',
    );
    expect(() => checkTestIndex(12345, 10000, '--samples')).toThrow(
      '--samples: test index 12345 does not exist; the test set has 10000 images (0–9999)',
    );
    expect(() => checkTestIndex(-1, 10, '--samples')).toThrow(/test index -1 does not exist/);
    expect(() => checkTestIndex(2.5, 10, '--samples')).toThrow(/test index 2.5 is not a whole number/);
    expect(() => selectSamples({ articleSample: 51, extraSamples: [], labels, predicted, classes: 10 })).toThrow(/^article sample: test index 51 does not exist/);
  });

  it('rejects the index one past the end, and names an empty test set', () => {
    expect(() => checkTestIndex(30, 30, '--samples')).toThrow('--samples: test index 30 does not exist; the test set has 30 images (0–29)');
    expect(() => checkTestIndex(0, 0, '--samples')).toThrow('--samples: test index 0 does not exist; the test set is empty');
  });

  it('falls back to image 0 itself when it is the first image of a digit nobody classified correctly', () => {
    const { samples, notes } = selectSamples({ articleSample: 1, extraSamples: [], labels: [0, 0, 1], predicted: [1, 1, 1], classes: 10 });
    expect(samples).toEqual([{ index: 1, role: 'article' }, { index: 0, role: 'digit' }, { index: 2, role: 'digit' }]);
    expect(notes[0]).toBe('no test image of class 0 is classified correctly; showing test image 0 (predicted 1)');
  });

  it('gives every class a sample when there are at most ten, and ten evenly spread ones for a hundred', () => {
    expect(pickerClasses(3)).toEqual([0, 1, 2]);
    expect(pickerClasses(10)).toHaveLength(10);
    expect(pickerClasses(100)).toEqual([0, 10, 20, 30, 40, 50, 60, 70, 80, 90]);
    const spread = pickerClasses(37);
    expect(spread).toHaveLength(PICKER_CLASSES);
    expect(new Set(spread).size).toBe(PICKER_CLASSES);
    expect(Math.max(...spread)).toBeLessThan(37);
  });

  it('picks one image of each of three classes and none of a class the model does not have', () => {
    const three = Array.from({ length: 12 }, (_, i) => i % 4); // label 3 is outside the model's classes
    const { samples, notes } = selectSamples({ articleSample: 0, extraSamples: [], labels: three, predicted: three, classes: 3 });
    expect(samples).toEqual([{ index: 0, role: 'article' }, { index: 1, role: 'digit' }, { index: 2, role: 'digit' }]);
    expect(notes).toEqual([]);
  });

  it('says which classes the picker shows when there are more than ten', () => {
    const many = Array.from({ length: 200 }, (_, i) => i % 100);
    const { samples, notes } = selectSamples({ articleSample: 5, extraSamples: [], labels: many, predicted: many, classes: 100 });
    expect(samples.filter((s) => s.role === 'digit').map((s) => many[s.index])).toEqual([0, 10, 20, 30, 40, 50, 60, 70, 80, 90]);
    expect(notes).toEqual(['100 classes: the sample picker shows 10 of them (classes 0, 10, 20, 30, 40, 50, 60, 70, 80, 90)']);
  });
});
