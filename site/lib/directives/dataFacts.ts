// Facts of whatever data the manifest describes (manifest.data), worded for the page language, so that
// prose can state them for MNIST, Fashion-MNIST or the user's own images instead of MNIST's constants (issue #21).
import type { DataInfo } from '../../../pipeline/artifacts/types';
import { DATASET_NAMES } from '../../../pipeline/data/checksums';
import { classCountOf } from '../../../shared/data/classes';
import { classLabeller, classNamesFor } from '../classLabels';
import { formatInt } from '../format/number';
import { escapeHtml } from '../html';
import { translator, type Lang, type Translate } from '../i18n';
import { DirectiveUsageError } from './context';
import { enumerate } from './modelFacts';

export const DATA_FACTS = [
  'name', 'train-count', 'test-count', 'train-available', 'test-available', 'size', 'channels', 'class-count', 'class-list', 'noun', 'nouns', 'names-source', 'fit', 'reading', 'article-class',
] as const;
export type DataFact = (typeof DATA_FACTS)[number];

/** The data's name: a known set by its name, anything else by the folder it was read from. */
export function dataName(data: DataInfo, lang: Lang): string {
  if (data.known) return DATASET_NAMES[data.known];
  return translator(lang)('data.ownData', { source: `<code>${escapeHtml(data.source)}</code>` });
}

/** Height × width in pixels, e.g. "28×28". */
export function pictureSize(data: DataInfo): string {
  return `${data.height}×${data.width}`;
}

/** The class names in the page language, as a plain enumeration. */
export function classList(data: DataInfo, lang: Lang): string {
  return enumerate(classNamesFor(data.classes, lang).map(escapeHtml), lang);
}

/** The fit rule of an image folder's pictures (shared/data/fitImage.ts), and the grey conversion for one channel, as HTML sentences. */
export function fitRuleHtml(data: DataInfo, t: Translate): string[] {
  const sentences = [escapeHtml(t('data.fitRule', { size: pictureSize(data) }))];
  if (data.channels === 1) sentences.push(escapeHtml(t('data.fitGrey')));
  return sentences;
}

/** How the pipeline read the data, for the about page: the files and their checks, or the folder and its fit rule. */
export function readingHtml(data: DataInfo, lang: Lang): string {
  const t = translator(lang, data.classes.noun);
  const source = `<code>${escapeHtml(data.source)}</code>`;
  if (data.format === 'idx') return t(data.known ? 'data.readKnownIdx' : 'data.readIdx', { source, name: dataName(data, lang) });
  return [t('data.readFolder', { source }), ...fitRuleHtml(data, t)].join(' ');
}

/** The fact as HTML, for the page language; `articleLabel` is the true class of the article's test image. */
export function dataFactHtml(fact: DataFact, data: DataInfo, lang: Lang, articleLabel?: number): string {
  const t = translator(lang, data.classes.noun);
  const int = (n: number) => formatInt(n, lang);
  switch (fact) {
    case 'name': return dataName(data, lang);
    case 'train-count': return int(data.trainCount);
    case 'test-count': return int(data.testCount);
    case 'train-available': return int(data.trainAvailable);
    case 'test-available': return int(data.testAvailable);
    case 'size': return pictureSize(data);
    case 'channels': return escapeHtml(t(data.channels === 1 ? 'data.channelsGrey' : 'data.channelsColour'));
    case 'class-count': return int(classCountOf(data.classes));
    case 'class-list': return classList(data, lang);
    case 'noun': return escapeHtml(t('data.noun'));
    case 'nouns': return escapeHtml(t('data.nouns'));
    case 'names-source': return escapeHtml(t(`data.namesFrom.${data.classes.source}`));
    case 'fit': return escapeHtml(t('data.fitRule', { size: pictureSize(data) }));
    case 'reading': return readingHtml(data, lang);
    case 'article-class':
      if (articleLabel === undefined) throw new DirectiveUsageError('visuals.json has no entry for the article\'s test image, so its class is unknown');
      return escapeHtml(classLabeller(data.classes, lang)(articleLabel));
  }
}
