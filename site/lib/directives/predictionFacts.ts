// Facts of this run's predictions on the test set, so that prose about how sure the network is
// states what this model did rather than what a well-trained MNIST network usually does (issue #25).
import { formatPercent } from '../format/number';
import type { SiteArtifacts } from '../artifacts/load';
import { requireOneOf, type DirectiveSpec } from './context';
import { settingHtml } from './explainSetting';

/** A top choice at least this probable counts as confident. */
export const CONFIDENT_PROBABILITY = 0.9;

export const PREDICTION_FACTS = ['confident-threshold', 'confident-share'] as const;

/**
 * Share of the test images whose most probable class has at least `threshold` of the probability.
 * Probabilities come as bytes (p·255 rounded), so the comparison is on the byte grid: a top choice
 * within half a step (0.2 %) of the threshold may fall on either side.
 */
export function confidentShare(probabilitiesOf: (index: number) => number[], count: number, threshold = CONFIDENT_PROBABILITY): number {
  if (count < 1) throw new RangeError('confidentShare: there are no test images');
  let confident = 0;
  for (let i = 0; i < count; i++) {
    if (Math.max(...probabilitiesOf(i)) >= threshold) confident += 1;
  }
  return confident / count;
}

function factValue(fact: (typeof PREDICTION_FACTS)[number], artifacts: SiteArtifacts): number {
  if (fact === 'confident-threshold') return CONFIDENT_PROBABILITY;
  return confidentShare((i) => artifacts.probabilities(i), artifacts.manifest.data.testCount);
}

/** `:predictions{fact="confident-share"}` — a fact of this run's test-set predictions, formatted for the page language. */
export const predictionsDirective: DirectiveSpec = {
  kind: 'text',
  attributes: ['fact'],
  render(attributes, { artifacts, lang }) {
    const fact = requireOneOf(attributes.fact, PREDICTION_FACTS, 'predictions fact') as (typeof PREDICTION_FACTS)[number];
    const value = factValue(fact, artifacts);
    return fact === 'confident-threshold' ? settingHtml(value, 'percent', lang) : `<data class="metric" value="${value}">${formatPercent(value, lang, 1)}</data>`;
  },
};
