import type { ExplainSet } from '../../../pipeline/explain/explainIndex';
import { fillTemplate } from '../fillTemplate';
import { escapeHtml, jsonForScript } from '../html';
import { attributionData, selectMaps, type AttributionData, type AttributionSampleView } from './attributionData';
import { classNameOf, requireOneOf, type DirectiveSpec } from './context';

const SETS: readonly ExplainSet[] = ['samples', 'gallery', 'misclassified'];

/** One class's maps: the markup the browser script updates in place (and clones for a second class). */
function targetHtml(view: AttributionSampleView['targets'][number], sample: string, data: AttributionData): string {
  const items = view.maps.map((map, k) => {
    const alt = fillTemplate(data.labels.alt, { method: data.methods[k], sample, class: view.name });
    return `<li><figure><img src="${escapeHtml(map.src)}" width="${data.size}" height="${data.size}" alt="${escapeHtml(alt)}" loading="lazy" decoding="async">`
      + `<figcaption><span>${escapeHtml(data.methods[k])}</span><small data-note>${escapeHtml(map.note ?? '')}</small>`
      + `<strong class="map-flag" data-flag${map.flag ? '' : ' hidden'}>${escapeHtml(map.flag ?? '')}</strong></figcaption></figure></li>`;
  });
  return `<div class="attribution-target" data-target><p class="attribution-heading" data-heading>${escapeHtml(view.heading)}</p><ul class="attribution-maps">${items.join('')}</ul></div>`;
}

function chooserHtml(set: ExplainSet, data: AttributionData, ctx: Parameters<DirectiveSpec['render']>[1]): string {
  if (set === 'samples') return '';
  const explain = ctx.artifacts.explain();
  const name = classNameOf(ctx);
  const options = explain.samples.filter((s) => s.sets.includes(set)).map((s) => {
    const label = ctx.t('attr.option', { sample: s.index, label: name(s.label), predicted: name(s.predicted) });
    return `<option value="${s.index}"${String(s.index) === data.initial ? ' selected' : ''}>${escapeHtml(label)}</option>`;
  });
  const partial = set === 'misclassified' && explain.misclassified.explained < explain.misclassified.total
    ? `<p class="attribution-partial">${escapeHtml(ctx.t('attr.partial', explain.misclassified))}</p>` : '';
  const label = ctx.t(set === 'misclassified' ? 'attr.choose' : 'attr.chooseGallery');
  return `${partial}<label class="attribution-choose js-only" hidden>${escapeHtml(label)} <select data-attribution-select>${options.join('')}</select></label>`;
}

/**
 * `::attribution{sample="51"}` — every attribution map of one test image, for its predicted class (and
 * its true class when the network was wrong). Without `set`, the figure follows the sample picker;
 * `set="gallery"` or `set="misclassified"` gives it its own chooser. `method` (and `layer` for
 * Grad-CAM) narrow it to one method. Maps enlarge on click (site/scripts/attribution.ts).
 */
export const attributionDirective: DirectiveSpec = {
  kind: 'leaf',
  attributes: ['sample', 'set', 'method', 'layer'],
  render(attributes, ctx) {
    const set = (attributes.set === undefined ? 'samples' : requireOneOf(attributes.set, SETS, 'set')) as ExplainSet;
    const explained = ctx.artifacts.explain();
    const maps = selectMaps(attributes.method, attributes.layer, explained.maps, explained.settings.gradCamLayers);
    // A model without mistakes (or a gallery-less test set) is not an authoring error.
    const empty = !ctx.artifacts.explain().samples.some((s) => s.sets.includes(set));
    if (empty && set !== 'samples' && attributes.sample === undefined) return `<p class="digits-empty">${escapeHtml(ctx.t('digits.none'))}</p>`;
    const data = attributionData(set, attributes.sample, maps, ctx);
    const shown = data.samples[data.initial];
    return [
      `<figure class="attribution" data-attribution>`,
      chooserHtml(set, data, ctx),
      shown.targets.map((target) => targetHtml(target, data.initial, data)).join(''),
      `<figcaption><span data-attribution-caption>${escapeHtml(shown.caption)}</span><span class="hint js-only" hidden>${escapeHtml(data.labels.hint)}</span></figcaption>`,
      `<script type="application/json" data-attribution-data>${jsonForScript(data)}</script>`,
      `</figure>`,
    ].join('');
  },
};
