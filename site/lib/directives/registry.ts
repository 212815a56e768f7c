import { attributionDirective } from './attribution';
import { channelDictionaryDirective } from './channelDictionary';
import { chartDirective } from './chart';
import { classOptimisedDirective } from './classOptimised';
import type { DirectiveSpec } from './context';
import { dictionarySettingDirective } from './dictionarySetting';
import { digitsDirective } from './digits';
import { explorerDirective } from './explorer';
import { embeddingMapDirective } from './embeddingMap';
import { embeddingSettingDirective } from './embeddingSetting';
import { explainSettingDirective } from './explainSetting';
import { filtersDirective } from './filters';
import { galleryDirective } from './gallery';
import { inputDirective } from './input';
import { metricDirective } from './metric';
import { provenanceDirective } from './provenance';
import { samplePickerDirective } from './samplePicker';
import { sanityCheckDirective } from './sanityCheck';
import { summaryDirective } from './summary';
import { timelapseDirective } from './timelapse';

/** The whole directive vocabulary the prose may use. */
export const DIRECTIVES: Record<string, DirectiveSpec> = {
  metric: metricDirective,
  chart: chartDirective,
  summary: summaryDirective,
  gallery: galleryDirective,
  'sample-picker': samplePickerDirective,
  input: inputDirective,
  digits: digitsDirective,
  filters: filtersDirective,
  provenance: provenanceDirective,
  explorer: explorerDirective,
  attribution: attributionDirective,
  'sanity-check': sanityCheckDirective,
  'explain-setting': explainSettingDirective,
  'embedding-map': embeddingMapDirective,
  'embedding-setting': embeddingSettingDirective,
  timelapse: timelapseDirective,
  'channel-dictionary': channelDictionaryDirective,
  'class-optimised': classOptimisedDirective,
  'dictionary-setting': dictionarySettingDirective,
};

/** The directive called `name`, or undefined; only the vocabulary's own keys count (not `constructor` and the like). */
export function directiveSpec(name: string): DirectiveSpec | undefined {
  return Object.hasOwn(DIRECTIVES, name) ? DIRECTIVES[name] : undefined;
}

/** How each directive is written, for error messages. */
export function directiveUsage(): string {
  return Object.entries(DIRECTIVES)
    .map(([name, spec]) => `${spec.kind === 'text' ? ':' : '::'}${name}`)
    .join(', ');
}

/** The message for a directive name that is not in the vocabulary, `written` with its colons. */
export function unknownDirectiveMessage(written: string): string {
  return `unknown directive "${written}". Valid directives: ${directiveUsage()}. (Plain text with a colon before a word, like "a:b", parses as a directive: write "a\\:b".)`;
}
