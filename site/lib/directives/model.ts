import { requireOneOf, type DirectiveSpec } from './context';
import { MODEL_FACTS, modelFactHtml, type ModelFact } from './modelFacts';

/** `:model{fact="filters"}` — a fact of the model the manifest describes (manifest.model), for the page language. */
export const modelDirective: DirectiveSpec = {
  kind: 'text',
  attributes: ['fact'],
  render(attributes, { artifacts, lang }) {
    const fact = requireOneOf(attributes.fact, MODEL_FACTS, 'model fact') as ModelFact;
    const model = artifacts.manifest.model;
    return `<span class="model-fact" data-fact="${fact}">${modelFactHtml(fact, model, lang)}</span>`;
  },
};
