import { en, type UiKey } from '../i18n/en';
import { zh } from '../i18n/zh';
import { fillTemplate } from './template';

export const LANGS = ['en', 'zh'] as const;
export type Lang = (typeof LANGS)[number];

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

export { fillTemplate };

export type Translate = (key: UiKey, vars?: Record<string, string | number>) => string;

/** A translator for one language; dictionaries are plain objects, so this stays pure. */
export function translator(lang: Lang): Translate {
  const dict: Record<UiKey, string> = lang === 'zh' ? zh : en;
  return (key, vars) => fillTemplate(dict[key], vars);
}
