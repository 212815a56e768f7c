import { describe, expect, it } from 'vitest';
import { checkClassCount, classesFromFile, parseClassesFile } from '../../pipeline/data/classesFile';
import { DataError } from '../../pipeline/data/dataError';

const parse = (json: unknown) => parseClassesFile(typeof json === 'string' ? json : JSON.stringify(json), '/d/classes.json');

describe('parseClassesFile', () => {
  it('reads English and Chinese names in label order', () => {
    const file = parse({ en: ['cat', 'dog'], zh: ['猫', '狗'] });
    expect(classesFromFile(file)).toEqual({ en: ['cat', 'dog'], zh: ['猫', '狗'], source: 'classes.json', zhFromEnglish: false, noun: 'image' });
  });

  it('without "zh" shows the English names on the Chinese pages and says so', () => {
    expect(classesFromFile(parse({ en: ['cat', 'dog'] }))).toMatchObject({ zh: ['cat', 'dog'], zhFromEnglish: true });
  });

  it.each([
    ['invalid JSON', '{"en": [', /is not valid JSON/],
    ['a list instead of an object', ['cat', 'dog'], /holds a list, not an object/],
    ['an unknown language key', { en: ['a', 'b'], fr: ['a', 'b'] }, /unknown key "fr": the languages are "en" \(required\) and "zh" \(optional\)/],
    ['no "en"', { zh: ['猫', '狗'] }, /has no "en" list/],
    ['"zh" of another length', { en: ['a', 'b', 'c'], zh: ['甲', '乙'] }, /"en" has 3 names but "zh" has 2/],
    ['an empty name', { en: ['a', '  '] }, /"en" name 1 is empty/],
    ['a name that is not a string', { en: ['a', 7] }, /"en" name 1 is 7/],
    ['a duplicated name', { en: ['a', 'b', 'a'] }, /"en" names 0 and 2 are both "a"/],
    ['a duplicated Chinese name', { en: ['a', 'b'], zh: ['猫', '猫'] }, /"zh" names 0 and 1 are both "猫"/],
    ['one class', { en: ['a'] }, /"en" lists 1 name, so the data has 1 class, but a classifier needs at least 2/],
    ['101 classes', { en: Array.from({ length: 101 }, (_, i) => `c${i}`) }, /101 classes, more than the 100/],
  ])('refuses %s, naming the file', (_, json, message) => {
    expect(() => parse(json)).toThrowError(DataError);
    expect(() => parse(json)).toThrowError(message);
    expect(() => parse(json)).toThrowError(/^\/d\/classes\.json: /);
  });
});

describe('checkClassCount', () => {
  it('accepts 2 and 100 classes and refuses 1 and 101', () => {
    expect(() => checkClassCount(2, 'x', 'w')).not.toThrow();
    expect(() => checkClassCount(100, 'x', 'w')).not.toThrow();
    expect(() => checkClassCount(1, 'x', 'w')).toThrowError(/at least 2/);
    expect(() => checkClassCount(101, 'x', 'w')).toThrowError(/more than the 100/);
  });
});
