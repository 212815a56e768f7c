import { formatDecimal } from '../format/number';
import { escapeHtml } from '../html';
import { artifactImg, requireChannels } from './channelDictionary';
import type { DirectiveSpec } from './context';

/** `::class-optimised` — one image per digit, optimised to raise that digit's score before the softmax. */
export const classOptimisedDirective: DirectiveSpec = {
  kind: 'leaf',
  attributes: [],
  render(_attributes, ctx) {
    const index = requireChannels(ctx);
    const { t, lang } = ctx;
    const items = index.classes.map((c) => [
      `<li><figure>${artifactImg(c.image, t('class.alt', { digit: c.digit }), ctx)}`,
      `<figcaption>${escapeHtml(t('class.caption', { digit: c.digit, objective: formatDecimal(c.objective, lang) }))}</figcaption></figure></li>`,
    ].join(''));
    return `<figure class="class-optimised"><ul>${items.join('')}</ul><figcaption>${escapeHtml(t('class.figure', { steps: index.ascent.steps }))}</figcaption></figure>`;
  },
};
