import { attributionDirective } from './attribution';
import { channelDictionaryDirective } from './channelDictionary';
import { chartDirective } from './chart';
import { classOptimisedDirective } from './classOptimised';
import { CONDITIONS, type ConditionSpec } from './conditions';
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
import { layerSectionsDirective } from './layerSections';
import { metricDirective } from './metric';
import { modelDirective } from './model';
import { modelSourceDirective } from './modelSource';
import { chanceNoteDirective } from './chanceNote';
import { dataDirective } from './data';
import { dataDescriptionDirective } from './dataDescription';
import { predictionsDirective } from './predictionFacts';
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
  model: modelDirective,
  'layer-sections': layerSectionsDirective,
  'model-source': modelSourceDirective,
  'chance-note': chanceNoteDirective,
  data: dataDirective,
  'data-description': dataDescriptionDirective,
  predictions: predictionsDirective,
};

/** The directive called `name`, or undefined; only the vocabulary's own keys count (not `constructor` and the like). */
export function directiveSpec(name: string): DirectiveSpec | undefined {
  return Object.hasOwn(DIRECTIVES, name) ? DIRECTIVES[name] : undefined;
}

/** The passage directive (`:::name … :::`) called `name`, or undefined. */
export function conditionSpec(name: string): ConditionSpec | undefined {
  return Object.hasOwn(CONDITIONS, name) ? CONDITIONS[name] : undefined;
}

/** How a known name is written: text `:x`, leaf `::x` or container `:::x`; undefined for an unknown name. */
export function directiveKind(name: string): 'text' | 'leaf' | 'container' | undefined {
  return directiveSpec(name)?.kind ?? conditionSpec(name)?.kind;
}

const COLONS = { text: ':', leaf: '::', container: ':::' } as const;

/** How each directive is written, for error messages. */
export function directiveUsage(): string {
  return [...Object.entries(DIRECTIVES), ...Object.entries(CONDITIONS)]
    .map(([name, spec]) => `${COLONS[spec.kind]}${name}`)
    .join(', ');
}

/** The message for a directive name that is not in the vocabulary, `written` with its colons. */
export function unknownDirectiveMessage(written: string): string {
  return `unknown directive "${written}". Valid directives: ${directiveUsage()}. (Plain text with a colon before a word, like "a:b", parses as a directive: write "a\\:b".)`;
}
