import type { ExplainIndex } from '../../../pipeline/explain/explainIndex';
import { formatInt, formatPercent, formatFixed } from '../format/number';
import { escapeHtml } from '../html';
import type { Lang } from '../i18n';
import { requireOneOf, type DirectiveSpec } from './context';

/** The settings the prose may quote, each read from explain.json and formatted for the page language. */
const SETTINGS: Record<string, (x: ExplainIndex) => { value: number; kind: 'int' | 'percent' | 'fixed2' }> = {
  smoothgrad_samples: (x) => ({ value: x.settings.smoothGrad.samples, kind: 'int' }),
  smoothgrad_noise: (x) => ({ value: x.settings.smoothGrad.noise, kind: 'percent' }),
  ig_steps: (x) => ({ value: x.settings.integratedGradients.steps, kind: 'int' }),
  ig_max_steps: (x) => ({ value: x.settings.integratedGradients.maxSteps, kind: 'int' }),
  ig_refine_above: (x) => ({ value: x.settings.integratedGradients.refineAbove, kind: 'percent' }),
  ig_max_error: (x) => ({ value: x.settings.integratedGradients.maxError, kind: 'percent' }),
  occlusion_patch: (x) => ({ value: x.settings.occlusion.patch, kind: 'int' }),
  occlusion_stride: (x) => ({ value: x.settings.occlusion.stride, kind: 'int' }),
  sanity_threshold: (x) => ({ value: x.sanity.threshold, kind: 'fixed2' }),
  sanity_samples: (x) => ({ value: x.sanity.samples.length, kind: 'int' }),
  sanity_steps: (x) => ({ value: x.sanity.steps.length - 1, kind: 'int' }),
};

/** A quoted setting as the prose shows it: a <data> element with the value formatted for the page language. */
export function settingHtml(value: number, kind: 'int' | 'percent' | 'fixed2', lang: Lang): string {
  const text = kind === 'int' ? formatInt(value, lang) : kind === 'percent' ? formatPercent(value, lang, 0) : formatFixed(value, lang, 2);
  return `<data class="metric" value="${escapeHtml(value)}">${escapeHtml(text)}</data>`;
}

/** `:explain-setting{name="smoothgrad_samples"}` — a setting of the explain stage, as this build used it. */
export const explainSettingDirective: DirectiveSpec = {
  kind: 'text',
  attributes: ['name'],
  render(attributes, { artifacts, lang }) {
    const name = requireOneOf(attributes.name, Object.keys(SETTINGS), 'explain setting');
    const { value, kind } = SETTINGS[name](artifacts.explain());
    return settingHtml(value, kind, lang);
  },
};
