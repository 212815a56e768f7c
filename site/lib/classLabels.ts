// The names a page shows for the data's classes (issue #21), in one place so no component prints a bare
// label number or decides the language rule on its own. Pure: used at build time and by page scripts.
import { className, classCountOf, type DataClasses } from '../../shared/data/classes';
import type { Lang } from './i18n';

/**
 * One name per label, in label order, for the page's language. Without Chinese names (`zhFromEnglish`) the
 * `zh` list already repeats the English ones, so the Chinese pages show those. Names that happen to repeat
 * (e.g. two folders mapped to the same zh name) get their label added, because charts use the names as
 * their categories and two classes must never fall into one.
 */
export function classNamesFor(classes: DataClasses, lang: Lang): string[] {
  const names = Array.from({ length: classCountOf(classes) }, (_, label) => className(classes, label, lang));
  const seen = new Map<string, number>();
  for (const name of names) seen.set(name, (seen.get(name) ?? 0) + 1);
  return names.map((name, label) => ((seen.get(name) ?? 0) > 1 ? `${name} (${label})` : name));
}

/** label → its name in the page's language (see classNamesFor). */
export function classLabeller(classes: DataClasses, lang: Lang): (label: number) => string {
  const names = classNamesFor(classes, lang);
  return (label) => {
    const name = names[label];
    if (name === undefined) throw new RangeError(`label ${label} is outside the ${names.length} classes`);
    return name;
  };
}

/** Whether the Chinese page shows English names because the data gave none (a note may say so). */
export function showsEnglishNames(classes: DataClasses, lang: Lang): boolean {
  return lang === 'zh' && classes.zhFromEnglish;
}
