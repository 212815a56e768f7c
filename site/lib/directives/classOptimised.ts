import { formatDecimal } from '../format/number';
import { escapeHtml } from '../html';
import { artifactImg, requireChannels } from './channelDictionary';
import { classNameOf, type DirectiveSpec } from './context';

/** `::class-optimised` — one image per class, optimised to raise that class's score before the softmax. */
export const classOptimisedDirective: DirectiveSpec = {
  kind: 'leaf',
  attributes: [],
  render(_attributes, ctx) {
    const index = requireChannels(ctx);
    const { t, lang } = ctx;
    const name = classNameOf(ctx);
    const items = index.classes.map((c) => [
      `<li><figure>${artifactImg(c.image, t('class.alt', { class: name(c.digit) }), ctx)}`,
      `<figcaption>${escapeHtml(t('class.caption', { class: name(c.digit), objective: formatDecimal(c.objective, lang) }))}</figcaption></figure></li>`,
    ].join(''));
    return `<figure class="class-optimised"><ul>${items.join('')}</ul><figcaption>${escapeHtml(t('class.figure', { steps: index.ascent.steps }))}</figcaption></figure>`;
  },
};
