import type { ImageWithPrediction } from '../../../pipeline/artifacts/types';
import { formatPercent } from '../format/number';
import { showsEnglishNames } from '../classLabels';
import { escapeHtml } from '../html';
import { artifactUrl, classNameOf, requireOneOf, type DirectiveContext, type DirectiveSpec } from './context';

const SETS = ['gallery', 'misclassified', 'samples'] as const;

function top3Of(probabilities: number[]): ImageWithPrediction['top3'] {
  return probabilities.map((probability, digit) => ({ digit, probability })).sort((a, b) => b.probability - a.probability).slice(0, 3);
}

function imagesOf(set: (typeof SETS)[number], { artifacts }: DirectiveContext): ImageWithPrediction[] {
  const v = artifacts.visuals;
  if (set === 'gallery') return v.gallery;
  if (set === 'misclassified') return v.misclassified;
  return v.samples.map((s) => ({ index: s.index, label: s.label, predicted: s.predicted, image: s.input, top3: top3Of(artifacts.probabilities(s.index)) }));
}

/** `::digits{set="misclassified"}` — a grid of test images captioned with their true and predicted class names and top-3 probabilities. */
export const digitsDirective: DirectiveSpec = {
  kind: 'leaf',
  attributes: ['set'],
  render(attributes, ctx) {
    const set = requireOneOf(attributes.set, SETS, 'digits set') as (typeof SETS)[number];
    const { t, lang, base, artifacts } = ctx;
    const images = imagesOf(set, ctx);
    const name = classNameOf(ctx);
    const title = t(set === 'gallery' ? 'digits.gallery' : set === 'misclassified' ? 'digits.misclassified' : 'digits.samples');
    if (images.length === 0) return `<p class="digits-empty">${escapeHtml(t('digits.none'))}</p>`;
    const items = images.map((img) => {
      const size = artifacts.imageSize(img.image);
      const wrong = img.label !== img.predicted;
      const list = img.top3.map((p) => `${name(p.digit)} (${formatPercent(p.probability, lang, 0)})`).join(' · ');
      return `<li${wrong ? ' class="wrong"' : ''}><figure>`
        + `<img src="${escapeHtml(artifactUrl(base, img.image))}" width="${size.width}" height="${size.height}" alt="${escapeHtml(t('digits.alt', { index: img.index, label: name(img.label) }))}" loading="lazy" decoding="async">`
        + `<figcaption>${escapeHtml(t('digits.true', { label: name(img.label) }))} · ${escapeHtml(t('digits.predicted', { predicted: name(img.predicted) }))}<br><small>${escapeHtml(t('digits.top3', { list }))}</small></figcaption>`
        + `</figure></li>`;
    });
    // Chinese pages of data without Chinese names say why the names are English.
    const note = showsEnglishNames(artifacts.manifest.data.classes, lang) ? `<p class="digits-note" data-english-names>${escapeHtml(t('digits.englishNames'))}</p>` : '';
    return `<section class="digits" aria-label="${escapeHtml(title)}"><ul class="digits-grid" data-digits="${set}">${items.join('')}</ul>${note}</section>`;
  },
};
