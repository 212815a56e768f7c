// classes.json: the class names of a data set the pipeline does not know, beside its files (an IDX folder)
// or at the root of an image folder. `{ "en": [...], "zh": [...] }`, one name per label in label order;
// `zh` is optional (the pages then show the English names and say so).
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { LANGS, MAX_CLASSES, MIN_CLASSES, type DataClasses, type Lang } from '../../shared/data/classes';
import { DataError } from './dataError';

export const CLASSES_FILE = 'classes.json';

/** The names a classes.json gives; `zh` null when it gives none. */
export interface ClassNamesFile {
  file: string;
  en: string[];
  zh: string[] | null;
}

const FORMAT = `expected {"en": ["name of label 0", "name of label 1", …], "zh": […]}: one name per label in label order, "zh" optional`;

function names(value: unknown, lang: Lang, file: string): string[] {
  if (!Array.isArray(value)) throw new DataError(file, `"${lang}" is ${value === null ? 'null' : typeof value}, not a list of names; ${FORMAT}`);
  const seen = new Map<string, number>();
  return value.map((name, i) => {
    if (typeof name !== 'string' || name.trim() === '') {
      throw new DataError(file, `"${lang}" name ${i} is ${typeof name === 'string' ? 'empty' : JSON.stringify(name)}: every class needs a name (a non-empty string).`);
    }
    const trimmed = name.trim();
    const first = seen.get(trimmed);
    if (first !== undefined) throw new DataError(file, `"${lang}" names ${first} and ${i} are both "${trimmed}": two classes with one name could not be told apart on the pages. Give each class its own name.`);
    seen.set(trimmed, i);
    return trimmed;
  });
}

/** Parses the text of a classes.json (`file` names it in messages). */
export function parseClassesFile(text: string, file: string): ClassNamesFile {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    throw new DataError(file, `is not valid JSON (${(e as Error).message}); ${FORMAT}`);
  }
  if (typeof json !== 'object' || json === null || Array.isArray(json)) throw new DataError(file, `holds ${Array.isArray(json) ? 'a list' : String(json)}, not an object; ${FORMAT}`);
  const record = json as Record<string, unknown>;
  const unknown = Object.keys(record).filter((k) => !LANGS.includes(k as Lang));
  if (unknown.length > 0) throw new DataError(file, `unknown key${unknown.length > 1 ? 's' : ''} ${unknown.map((k) => `"${k}"`).join(', ')}: the languages are "en" (required) and "zh" (optional).`);
  if (!('en' in record)) throw new DataError(file, `has no "en" list: the English names are required; ${FORMAT}`);
  const en = names(record.en, 'en', file);
  const zh = 'zh' in record ? names(record.zh, 'zh', file) : null;
  if (zh && zh.length !== en.length) throw new DataError(file, `"en" has ${en.length} names but "zh" has ${zh.length}: give one Chinese name per English name, in the same order (or leave out "zh").`);
  checkClassCount(en.length, file, `"en" lists ${en.length} name${en.length === 1 ? '' : 's'}`);
  return { file, en, zh };
}

/** The classes.json in `dir`, or null when there is none. */
export async function readClassesFile(dir: string): Promise<ClassNamesFile | null> {
  const file = path.join(dir, CLASSES_FILE);
  if (!existsSync(file)) return null;
  return parseClassesFile(await readFile(file, 'utf8'), file);
}

/** The data's classes from a classes.json. */
export function classesFromFile(file: ClassNamesFile): DataClasses {
  return { en: file.en, zh: file.zh ?? file.en, source: 'classes.json', zhFromEnglish: file.zh === null, noun: 'image' };
}

/** Refuses a class count the report cannot show (shared/data/classes.ts: MIN_CLASSES–MAX_CLASSES). */
export function checkClassCount(count: number, where: string, what: string): void {
  const has = `${what}, so the data has ${count} class${count === 1 ? '' : 'es'}`;
  if (count < MIN_CLASSES) throw new DataError(where, `${has}, but a classifier needs at least ${MIN_CLASSES}. Give the data ${MIN_CLASSES} to ${MAX_CLASSES} classes.`);
  if (count > MAX_CLASSES) throw new DataError(where, `${has}, more than the ${MAX_CLASSES} the report can show. Give the data ${MIN_CLASSES} to ${MAX_CLASSES} classes.`);
}
