import { describe, expect, it } from 'vitest';
import { classCountOf, className, fashionMnistClasses, MAX_CLASSES, MIN_CLASSES, mnistClasses, numberedClasses } from '../../../shared/data/classes';

describe('the data\'s classes', () => {
  it('name MNIST\'s labels by their digits, with the noun "digit"', () => {
    const c = mnistClasses();
    expect(c.en).toEqual(['0', '1', '2', '3', '4', '5', '6', '7', '8', '9']);
    expect(c).toMatchObject({ source: 'mnist', noun: 'digit', zhFromEnglish: false });
  });

  it('name Fashion-MNIST\'s ten classes in both languages, in label order', () => {
    const c = fashionMnistClasses();
    expect(classCountOf(c)).toBe(10);
    expect([className(c, 0, 'en'), className(c, 9, 'en'), className(c, 9, 'zh')]).toEqual(['T-shirt/top', 'Ankle boot', '短靴']);
    expect(c.noun).toBe('image');
  });

  it('number unnamed classes in both languages', () => {
    expect(numberedClasses(3)).toMatchObject({ en: ['class 0', 'class 1', 'class 2'], zh: ['类别 0', '类别 1', '类别 2'], source: 'numbered' });
  });

  it('refuse a label outside the classes', () => {
    expect(() => className(mnistClasses(), 10, 'en')).toThrowError('label 10 is outside the 10 classes');
    expect(() => className(mnistClasses(), -1, 'zh')).toThrow(RangeError);
  });

  it('allow 2 to 100 classes', () => {
    expect([MIN_CLASSES, MAX_CLASSES]).toEqual([2, 100]);
  });
});
