import { requireOneOf, type DirectiveSpec } from './context';
import { DATA_FACTS, dataFactHtml, type DataFact } from './dataFacts';

/** `:data{fact="class-count"}` — a fact of the data the manifest describes (manifest.data), for the page language. */
export const dataDirective: DirectiveSpec = {
  kind: 'text',
  attributes: ['fact'],
  render(attributes, { artifacts, lang }) {
    const fact = requireOneOf(attributes.fact, DATA_FACTS, 'data fact') as DataFact;
    const { samples, articleSample } = artifacts.visuals;
    const articleLabel = samples.find((s) => s.index === articleSample)?.label;
    return `<span class="data-fact" data-fact="${fact}">${dataFactHtml(fact, artifacts.manifest.data, lang, articleLabel)}</span>`;
  },
};
