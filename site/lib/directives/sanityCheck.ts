import type { MapId } from '../../../pipeline/explain/explainIndex';
import { formatFixed } from '../format/number';
import { escapeHtml } from '../html';
import { artifactUrl, type DirectiveSpec } from './context';
import { methodLabel } from './methodLabel';

/**
 * `::sanity-check` — the model randomisation cascade as a table: one row per map, one column per
 * step (the trained model, then one more layer re-initialised from the top), each cell the map of
 * the figure's test image and the mean rank correlations with the trained maps. Flagged rows are marked.
 */
export const sanityCheckDirective: DirectiveSpec = {
  kind: 'leaf',
  attributes: [],
  render(_attributes, { artifacts, t, lang, base }) {
    const { sanity, settings, maps } = artifacts.explain();
    const e = escapeHtml;
    const size = artifacts.manifest.model.input.width * settings.imageScale;
    const method = (id: MapId) => methodLabel(id, t);
    const rho = (v: number) => formatFixed(v, lang, 2);
    const stepName = (k: number) => (k === 0 ? t('sanity.original') : t('sanity.step', { layer: sanity.steps[k] }));
    const head = sanity.steps.map((_, k) => `<th scope="col">${e(stepName(k))}</th>`).join('');
    const rows = maps.map((id) => {
      const flagged = sanity.flagged.includes(id);
      const cells = sanity.steps.map((step, k) => {
        const alt = t('sanity.alt', { method: method(id), sample: sanity.figureSample, step: k === 0 ? t('sanity.altOriginal') : t('sanity.altStep', { layer: step }) });
        return `<td><img src="${e(artifactUrl(base, sanity.figure[id][k]))}" width="${size}" height="${size}" alt="${e(alt)}" loading="lazy" decoding="async">`
          + `<span class="num">ρ ${e(rho(sanity.correlations[id][k]))}</span><span class="num">ρ(|·|) ${e(rho(sanity.absCorrelations[id][k]))}</span></td>`;
      });
      const flag = flagged ? ` <strong class="flag">${e(t('sanity.flag'))}</strong>` : '';
      return `<tr${flagged ? ' class="flagged"' : ''}><th scope="row">${e(method(id))}${flag}</th>${cells.join('')}</tr>`;
    });
    const threshold = rho(sanity.threshold);
    const verdict = sanity.flagged.length > 0
      ? t('sanity.verdictFlagged', { threshold, methods: sanity.flagged.map(method).join(lang === 'zh' ? '、' : ', ') })
      : t('sanity.verdictNone', { threshold });
    const constant = maps.reduce((n, id) => n + sanity.constantMaps[id].reduce((a, b) => a + b, 0), 0);
    const caption = t('sanity.caption', { sample: sanity.figureSample, count: sanity.samples.length });
    return [
      `<figure class="sanity-check">`,
      `<div class="table-wrap"><table class="sanity"><caption>${e(caption)}</caption>`,
      `<thead><tr><th scope="col">${e(t('sanity.method'))}</th>${head}</tr></thead><tbody>${rows.join('')}</tbody></table></div>`,
      `<figcaption><p class="verdict">${e(verdict)}</p>${constant > 0 ? `<p>${e(t('sanity.constant', { count: constant }))}</p>` : ''}</figcaption>`,
      `</figure>`,
    ].join('');
  },
};
