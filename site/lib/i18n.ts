import { en, type UiKey } from '../i18n/en';
import { zh } from '../i18n/zh';
import { fillTemplate } from './fillTemplate';
import { LANGS, type ItemNoun, type Lang } from '../../shared/data/classes';

export { fillTemplate };
// The languages are defined once, with the class names that come in both (shared/data/classes.ts).
export { LANGS, type Lang };

/** The BCP 47 tag for `lang` and `hreflang` attributes. */
export const HTML_LANG: Record<Lang, string> = { en: 'en', zh: 'zh-CN' };
/** The locale for number formatting. */
export const NUMBER_LOCALE: Record<Lang, string> = { en: 'en-US', zh: 'zh-CN' };

export function isLang(value: unknown): value is Lang {
  return typeof value === 'string' && (LANGS as readonly string[]).includes(value);
}

export function otherLang(lang: Lang): Lang {
  return lang === 'en' ? 'zh' : 'en';
}


export type Translate = (key: UiKey, vars?: Record<string, string | number>) => string;

/**
 * What one item of the data is called (issue #21), filled into every string's `{noun}` (one), `{nouns}`
 * (many), `{Noun}` and `{Nouns}` (sentence start) unless the caller's vars give them. Chinese has one form.
 */
export const NOUNS: Record<Lang, Record<ItemNoun, { noun: string; nouns: string; Noun: string; Nouns: string }>> = {
  en: {
    digit: { noun: 'digit', nouns: 'digits', Noun: 'Digit', Nouns: 'Digits' },
    image: { noun: 'image', nouns: 'images', Noun: 'Image', Nouns: 'Images' },
  },
  zh: {
    digit: { noun: '数字', nouns: '数字', Noun: '数字', Nouns: '数字' },
    image: { noun: '图像', nouns: '图像', Noun: '图像', Nouns: '图像' },
  },
};

/** A translator for one language and the data's noun (manifest.data.classes.noun); dictionaries are plain objects, so this stays pure. */
export function translator(lang: Lang, noun: ItemNoun = 'digit'): Translate {
  const dict: Record<UiKey, string> = lang === 'zh' ? zh : en;
  const nouns = NOUNS[lang][noun];
  return (key, vars) => fillTemplate(dict[key], { ...nouns, ...vars });
}
