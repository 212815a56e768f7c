import { describe, expect, it } from 'vitest';
import { en } from '../../site/i18n/en';
import { zh } from '../../site/i18n/zh';
import { fillTemplate, translator } from '../../site/lib/i18n';
import type { UiKey } from '../../site/i18n/en';

const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe('UI dictionaries', () => {
  it('have the same keys in both languages', () => {
    expect(Object.keys(zh).sort()).toEqual(Object.keys(en).sort());
  });

  it('use the same placeholders in both languages', () => {
    for (const key of Object.keys(en) as (keyof typeof en)[]) {
      expect(placeholders(zh[key]), key).toEqual(placeholders(en[key]));
    }
  });

  it('have no empty strings', () => {
    expect([...Object.values(en), ...Object.values(zh)].filter((s) => s.trim() === '')).toEqual([]);
  });

  it('fills placeholders and leaves unknown ones visible', () => {
    expect(fillTemplate('{a} and {b}', { a: 1 })).toBe('1 and {b}');
    expect(translator('zh')('gallery.dead', { count: 3 })).toBe('3 个死通道');
  });
});

/**
 * Strings that may say "digit" / "数字" although the data may be anything else (issue #21), each with why.
 * None today: every other string says "class", fills {noun}/{nouns} (the data's own noun) or a class name.
 * explore.* belongs to the live explorer, whose strings are checked with the explorer.
 */
const DIGIT_ONLY: Partial<Record<UiKey, string>> = {
  'data.namesFrom.mnist': 'said only when the class names come from MNIST (classes.source mnist), whose classes are the digits',
};

describe('UI dictionaries and the data\'s items', () => {
  const checked = (Object.keys(en) as UiKey[]).filter((key) => !key.startsWith('explore.') && !(key in DIGIT_ONLY));

  it('never say "digit" outside the keys listed as digit-only (placeholders included)', () => {
    expect(checked.filter((key) => /digit/i.test(en[key]) || /digit/i.test(zh[key]))).toEqual([]);
  });

  it('never say 数字 outside the keys listed as digit-only', () => {
    expect(checked.filter((key) => zh[key].includes('数字'))).toEqual([]);
  });

  it('list only keys that exist as digit-only, each with a reason', () => {
    for (const [key, reason] of Object.entries(DIGIT_ONLY)) {
      expect(key in en, key).toBe(true);
      expect(reason?.length ?? 0, key).toBeGreaterThan(10);
    }
  });

  it('fill the data\'s noun into every string that names the items', () => {
    expect(translator('en', 'image')('site.rootIntro')).toContain('classify images');
    expect(translator('en', 'digit')('site.rootIntro')).toContain('classify digits');
    expect(translator('zh', 'image')('site.rootIntro')).toContain('给图像分类');
    expect(translator('zh', 'digit')('site.rootIntro')).toContain('给数字分类');
  });
});
