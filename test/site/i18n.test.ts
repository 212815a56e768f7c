import { describe, expect, it } from 'vitest';
import { en } from '../../site/i18n/en';
import { zh } from '../../site/i18n/zh';
import { fillTemplate, translator } from '../../site/lib/i18n';

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
