import type { TimelapseIndex } from '../../../pipeline/explain/timelapse/timelapseIndex';
import { loadTimelapse } from '../artifacts/timelapse';
import { formatDecimal } from '../format/number';
import { escapeHtml, jsonForScript } from '../html';
import type { Translate } from '../i18n';
import { artifactUrl, requireOneOf, type DirectiveSpec } from './context';
import { epochList, timelapseData } from './timelapseData';

const STARTS = ['kept', 'first', 'last'] as const;

/**
 * Marks under the slider, one per epoch: the start, the end, the kept epoch and the stopping point are
 * labelled. Hidden from assistive technology: the marks sentence and the announced values say the same.
 */
function ticks(index: TimelapseIndex, t: Translate): string {
  const last = index.epochs.at(-1)?.epoch;
  const items = index.epochs.map(({ epoch }) => {
    const notes = [epoch === index.keptEpoch ? t('timelapse.tickKept') : '', epoch === index.stopEpoch ? t('timelapse.tickStop') : ''].filter(Boolean);
    const label = notes.length > 0 || epoch === 0 || epoch === last ? [String(epoch), ...notes].join(' · ') : '';
    const kind = epoch === index.keptEpoch ? ' class="kept"' : epoch === index.stopEpoch ? ' class="stop"' : '';
    return `<li${kind}><span>${escapeHtml(label)}</span></li>`;
  });
  return `<ol class="timelapse-ticks js-only" aria-hidden="true" hidden>${items.join('')}</ol>`;
}

/**
 * `::timelapse{start="kept"}` — the first layer's kernels and its feature maps of the article's test
 * image at every epoch, with a slider over the epochs (site/scripts/timelapse.ts). `start` picks the
 * epoch shown first and without JavaScript: the kept (checkpoint) epoch by default, `first` (before
 * training) or `last`. Without JavaScript a filmstrip of key epochs stands in for the slider.
 */
export const timelapseDirective: DirectiveSpec = {
  kind: 'leaf',
  attributes: ['start'],
  render(attributes, ctx) {
    const start = attributes.start === undefined ? 'kept' : requireOneOf(attributes.start, STARTS, 'start');
    const { t, lang, base } = ctx;
    const index = loadTimelapse(ctx.artifacts);
    const position = (epoch: number | null) => Math.max(0, index.epochs.findIndex((e) => e.epoch === epoch));
    const last = index.epochs.length - 1;
    const initial = start === 'first' ? 0 : start === 'last' ? last : position(index.keptEpoch);
    const data = timelapseData(index, initial, ctx);
    const shown = data.frames[initial];
    const { kernels, maps } = index.epochs[initial];
    const e = escapeHtml;
    const picture = (label: string, src: string, size: { width: number; height: number }, alt: string, role: string) =>
      `<figure class="timelapse-picture"><img data-timelapse-${role} src="${e(src)}" width="${size.width}" height="${size.height}" alt="${e(alt)}" decoding="async"><figcaption>${e(label)}</figcaption></figure>`;
    const marks = t('timelapse.marks', {
      kept: index.keptEpoch,
      stop: index.stopEpoch === null ? t('timelapse.marksNoStop') : t('timelapse.marksStop', { stop: index.stopEpoch }),
    });
    const strip = index.filmstrip;
    const stripEpochs = epochList(strip.epochs, lang);
    return [
      `<figure class="timelapse" data-timelapse>`,
      `<div class="timelapse-pictures">`,
      picture(t('timelapse.kernels', { count: index.channels, layer: index.layer }), shown.kernels, kernels, shown.kernelsAlt, 'kernels'),
      picture(t('timelapse.maps', { sample: index.sample }), shown.maps, maps, shown.mapsAlt, 'maps'),
      `</div>`,
      `<div class="timelapse-controls">`,
      `<label class="timelapse-slider js-only" hidden><span>${e(t('timelapse.slider'))}</span> `,
      `<input type="range" min="0" max="${last}" step="1" value="${initial}" aria-valuetext="${e(shown.value)}" data-timelapse-range></label>`,
      ticks(index, t),
      `<p class="timelapse-value" data-timelapse-value>${e(shown.value)}</p>`,
      `<p class="timelapse-marks">${e(marks)}<span class="js-only" hidden> `,
      `<button type="button" data-timelapse-go="${position(index.keptEpoch)}">${e(t('timelapse.goKept'))}</button>`,
      // When the checkpoint kept the last epoch, one button reaches both.
      position(index.keptEpoch) === last ? '' : ` <button type="button" data-timelapse-go="${last}">${e(t('timelapse.goStop'))}</button>`,
      `</span></p>`,
      `</div>`,
      `<noscript><figure class="timelapse-filmstrip"><img src="${e(artifactUrl(base, strip.path))}" width="${strip.width}" height="${strip.height}" alt="${e(t('timelapse.fallbackAlt', { layer: index.layer, sample: index.sample, epochs: stripEpochs }))}">`,
      `<figcaption>${e(t('timelapse.fallback', { epochs: stripEpochs, sample: index.sample }))}</figcaption></figure></noscript>`,
      `<figcaption>${e(t(ctx.artifacts.manifest.model.input.channels === 3 ? 'timelapse.captionRgb' : 'timelapse.caption', { range: formatDecimal(index.kernelRange, lang) }))}</figcaption>`,
      `<script type="application/json" data-timelapse-data>${jsonForScript(data)}</script>`,
      `</figure>`,
    ].join('');
  },
};
