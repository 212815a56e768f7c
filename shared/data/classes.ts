// The classes of the data a report shows (issue #21): one name per label in English and Chinese, and
// the noun that fits one item. Made once where the data is loaded (pipeline/data), written into the
// manifest's `data.classes`, and read by every page; nothing else may assume ten digits. Pure data, so
// the pipeline, the site and the browser share it.

/** The report's languages: the pages (site/lib/i18n.ts re-exports these) and the class names. */
export const LANGS = ['en', 'zh'] as const;
export type Lang = (typeof LANGS)[number];

/** What one item of the data is called: "digit" only for digit data (MNIST); "image" for anything else. */
export type ItemNoun = 'digit' | 'image';

/** Where the class names came from. */
export type ClassNamesSource = 'mnist' | 'fashion-mnist' | 'classes.json' | 'folders' | 'numbered';

export interface DataClasses {
  /** One name per label, in label order. */
  en: string[];
  zh: string[];
  source: ClassNamesSource;
  /** true when no Chinese names were given and `zh` repeats the English ones (the pages say so). */
  zhFromEnglish: boolean;
  noun: ItemNoun;
}

/** Fewer than two classes is not a classification; more than 100 would not fit the report's pictures. */
export const MIN_CLASSES = 2;
export const MAX_CLASSES = 100;

export interface ClassName {
  en: string;
  zh: string;
}

/** MNIST's labels are the digits themselves. */
export const MNIST_CLASS_NAMES: readonly ClassName[] = Array.from({ length: 10 }, (_, i) => ({ en: String(i), zh: String(i) }));

/**
 * Fashion-MNIST's ten classes, label order as in its README (github.com/zalandoresearch/fashion-mnist,
 * also /usr/share/doc/dataset-fashion-mnist/README.md.gz). Chinese names as commonly used for the set.
 */
export const FASHION_MNIST_CLASS_NAMES: readonly ClassName[] = [
  { en: 'T-shirt/top', zh: 'T 恤/上衣' },
  { en: 'Trouser', zh: '裤子' },
  { en: 'Pullover', zh: '套头衫' },
  { en: 'Dress', zh: '连衣裙' },
  { en: 'Coat', zh: '外套' },
  { en: 'Sandal', zh: '凉鞋' },
  { en: 'Shirt', zh: '衬衫' },
  { en: 'Sneaker', zh: '运动鞋' },
  { en: 'Bag', zh: '包' },
  { en: 'Ankle boot', zh: '短靴' },
];

function fromTable(table: readonly ClassName[], source: ClassNamesSource, noun: ItemNoun): DataClasses {
  return { en: table.map((c) => c.en), zh: table.map((c) => c.zh), source, zhFromEnglish: false, noun };
}

export function mnistClasses(): DataClasses {
  return fromTable(MNIST_CLASS_NAMES, 'mnist', 'digit');
}

export function fashionMnistClasses(): DataClasses {
  return fromTable(FASHION_MNIST_CLASS_NAMES, 'fashion-mnist', 'image');
}

/** Classes without names: "class 0 … class N−1" / "类别 0 …". */
export function numberedClasses(count: number): DataClasses {
  const labels = Array.from({ length: count }, (_, i) => i);
  return { en: labels.map((i) => `class ${i}`), zh: labels.map((i) => `类别 ${i}`), source: 'numbered', zhFromEnglish: false, noun: 'image' };
}

/** The name of one label in one language; an out-of-range label is a programming error, not data. */
export function className(classes: DataClasses, label: number, lang: Lang): string {
  const names = lang === 'zh' ? classes.zh : classes.en;
  const name = names[label];
  if (name === undefined) throw new RangeError(`label ${label} is outside the ${names.length} classes`);
  return name;
}

export function classCountOf(classes: DataClasses): number {
  return classes.en.length;
}
