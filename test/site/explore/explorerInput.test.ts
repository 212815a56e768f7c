// What the explorer offers for the report's data: the pad rule (MNIST's preprocessing only for
// MNIST-like data), the pad's size (the input's aspect ratio), class names per language, and the
// checks the script runs on the page's JSON.
import { describe, expect, it } from 'vitest';
import { fashionMnistClasses, mnistClasses, numberedClasses } from '../../../shared/data/classes';
import { checkExplorerClasses, checkExplorerPad, explorerClasses, explorerPad, padRule, PAD_SIDE } from '../../../site/lib/explore/explorerInput';

const grey = (height: number, width: number) => ({ height, width, channels: 1 });

describe('padRule', () => {
  it('uses MNIST’s preprocessing for MNIST and for any digit data, the picture rule for anything else', () => {
    expect(padRule({ known: 'mnist', classes: mnistClasses() })).toBe('mnist');
    expect(padRule({ known: null, classes: { noun: 'digit' } })).toBe('mnist');
    expect(padRule({ known: 'fashion-mnist', classes: fashionMnistClasses() })).toBe('fit');
    expect(padRule({ known: null, classes: numberedClasses(3) })).toBe('fit');
  });
});

describe('explorerPad', () => {
  it('offers no pad to a colour model', () => {
    expect(explorerPad({ known: null, classes: numberedClasses(3) }, { height: 32, width: 32, channels: 3 })).toBeNull();
  });

  it('keeps MNIST’s pad square whatever the input, since its preprocessing makes a square image', () => {
    expect(explorerPad({ known: 'mnist', classes: mnistClasses() }, grey(20, 40))).toEqual({ rule: 'mnist', width: PAD_SIDE, height: PAD_SIDE });
  });

  it('gives other greyscale data a pad of the input’s aspect ratio, 280 along the longer side', () => {
    const data = { known: 'fashion-mnist', classes: fashionMnistClasses() };
    expect(explorerPad(data, grey(28, 28))).toEqual({ rule: 'fit', width: 280, height: 280 });
    expect(explorerPad(data, grey(20, 40))).toEqual({ rule: 'fit', width: 280, height: 140 });
    expect(explorerPad(data, grey(48, 36))).toEqual({ rule: 'fit', width: 210, height: 280 });
  });
});

describe('explorerClasses', () => {
  it('takes the names of the page’s language', () => {
    expect(explorerClasses(fashionMnistClasses(), 10, 'zh').names[9]).toBe('短靴');
    expect(explorerClasses(fashionMnistClasses(), 10, 'en')).toMatchObject({ noun: 'image' });
    expect(explorerClasses(fashionMnistClasses(), 10, 'en').names[9]).toBe('Ankle boot');
  });

  it('numbers the classes of a model whose class count is not the data’s', () => {
    expect(explorerClasses(mnistClasses(), 3, 'en')).toEqual({ names: ['class 0', 'class 1', 'class 2'], noun: 'image' });
  });
});

describe('the script’s checks of the page data', () => {
  it('accept what the directive writes', () => {
    const c = explorerClasses(mnistClasses(), 10, 'en');
    expect(checkExplorerClasses(JSON.parse(JSON.stringify(c)), 10)).toEqual(c);
    expect(checkExplorerPad(null)).toBeNull();
    expect(checkExplorerPad({ rule: 'fit', width: 280, height: 140 })).toEqual({ rule: 'fit', width: 280, height: 140 });
  });

  it('name what is wrong: a name count unlike the class count, an empty name, a bad noun, a bad pad', () => {
    expect(() => checkExplorerClasses({ names: ['a'], noun: 'image' }, 2)).toThrow('1 names for 2 classes; rebuild the site');
    expect(() => checkExplorerClasses(undefined, 2)).toThrow('no class object');
    expect(() => checkExplorerClasses({ names: ['a', ''], noun: 'image' }, 2)).toThrow('an empty or non-text name');
    expect(() => checkExplorerClasses({ names: ['a', 'b'], noun: 'thing' }, 2)).toThrow('noun "thing"');
    expect(() => checkExplorerPad({ rule: 'mnist', width: 0, height: 280 })).toThrow('the page\'s pad is {"rule":"mnist","width":0,"height":280}');
    expect(() => checkExplorerPad(undefined)).toThrow('expected null or a rule');
  });
});
