import { formatInt } from '../format/number';
import { escapeHtml } from '../html';
import type { DirectiveSpec } from './context';

function shape(outputShape: (number | null)[]): string {
  return `(${outputShape.map((d) => (d === null ? 'None' : d)).join(', ')})`;
}

/** `::summary` — the model summary table, with Keras's columns and totals. */
export const summaryDirective: DirectiveSpec = {
  kind: 'leaf',
  attributes: [],
  render(_attributes, { artifacts, lang, t }) {
    const s = artifacts.summary;
    const rows = s.layers
      .map((l) => `<tr><td><code>${escapeHtml(l.name)}</code> (${escapeHtml(l.type)})</td><td><code>${escapeHtml(shape(l.outputShape))}</code></td><td class="num">${formatInt(l.params, lang)}</td></tr>`)
      .join('');
    const total = (key: Parameters<typeof t>[0], n: number) => `<tr><th scope="row" colspan="2">${escapeHtml(t(key))}</th><td class="num">${formatInt(n, lang)}</td></tr>`;
    return [
      `<div class="table-wrap"><table class="model-summary">`,
      `<caption>${escapeHtml(t('summary.caption'))}</caption>`,
      `<thead><tr><th scope="col">${escapeHtml(t('summary.layer'))}</th><th scope="col">${escapeHtml(t('summary.shape'))}</th><th scope="col" class="num">${escapeHtml(t('summary.params'))}</th></tr></thead>`,
      `<tbody>${rows}</tbody>`,
      `<tfoot>${total('summary.total', s.totalParams)}${total('summary.trainable', s.trainableParams)}${total('summary.nonTrainable', s.nonTrainableParams)}</tfoot>`,
      `</table></div>`,
    ].join('');
  },
};
