import { formatDecimal } from '../format/number';
import { escapeHtml } from '../html';
import { requireChannels } from './channelDictionary';
import { artifactUrl, type DirectiveSpec } from './context';

/** `::class-optimised` — one image per digit, optimised to raise that digit's score before the softmax. */
export const classOptimisedDirective: DirectiveSpec = {
  kind: 'leaf',
  attributes: [],
  render(_attributes, ctx) {
    const index = requireChannels(ctx);
    const { t, base, lang } = ctx;
    const items = index.classes.map((c) => [
      `<li><figure><img src="${escapeHtml(artifactUrl(base, c.image))}" width="28" height="28" alt="${escapeHtml(t('class.alt', { digit: c.digit }))}" loading="lazy" decoding="async">`,
      `<figcaption>${escapeHtml(t('class.caption', { digit: c.digit, objective: formatDecimal(c.objective, lang) }))}</figcaption></figure></li>`,
    ].join(''));
    return `<figure class="class-optimised"><ul>${items.join('')}</ul><figcaption>${escapeHtml(t('class.figure', { steps: index.ascent.steps }))}</figcaption></figure>`;
  },
};
