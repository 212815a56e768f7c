import { escapeHtml } from '../html';
import { artifactUrl, type DirectiveSpec } from './context';

/**
 * `::sample-picker` — one button per visualized test image. Hidden until site/scripts/gallery.ts runs,
 * because without JavaScript the page shows the article's sample only.
 */
export const samplePickerDirective: DirectiveSpec = {
  kind: 'leaf',
  attributes: [],
  render(_attributes, { artifacts, t, base }) {
    const { samples, articleSample } = artifacts.visuals;
    const buttons = samples.map((s) => {
      const label = t('picker.option', { sample: s.index, label: s.label }) + (s.index === articleSample ? ` (${t('picker.article')})` : '');
      const size = artifacts.imageSize(s.input);
      return `<button type="button" data-sample="${s.index}" aria-pressed="${s.index === articleSample}" aria-label="${escapeHtml(label)}" title="${escapeHtml(label)}">`
        + `<img src="${escapeHtml(artifactUrl(base, s.input))}" width="${size.width}" height="${size.height}" alt="" loading="lazy" decoding="async"><span>${s.label}</span></button>`;
    });
    return `<fieldset class="sample-picker js-only" data-sample-picker hidden><legend>${escapeHtml(t('picker.legend'))}</legend><div class="sample-picker-options">${buttons.join('')}</div></fieldset>`;
  },
};
