import { escapeHtml, jsonForScript } from '../html';
import { artifactUrl, classNameOf, DirectiveUsageError, type DirectiveSpec } from './context';

/** `::input` — the selected sample's input image with its true and predicted class; follows the sample picker. */
export const inputDirective: DirectiveSpec = {
  kind: 'leaf',
  attributes: [],
  render(_attributes, ctx) {
    const { artifacts, t, base } = ctx;
    const name = classNameOf(ctx);
    const samples: Record<string, { src: string; width: number; height: number; alt: string; caption: string }> = {};
    for (const s of artifacts.visuals.samples) {
      const size = artifacts.imageSize(s.input);
      samples[String(s.index)] = {
        src: artifactUrl(base, s.input), ...size,
        alt: t('input.alt', { sample: s.index, label: name(s.label) }),
        caption: t('input.caption', { sample: s.index, label: name(s.label), predicted: name(s.predicted) }),
      };
    }
    const shown = samples[String(artifacts.visuals.articleSample)] ?? Object.values(samples)[0];
    if (!shown) throw new DirectiveUsageError('visuals.json lists no samples');
    return [
      `<figure class="input-digit" data-input>`,
      `<img src="${escapeHtml(shown.src)}" width="${shown.width}" height="${shown.height}" alt="${escapeHtml(shown.alt)}" loading="lazy" decoding="async">`,
      `<figcaption data-input-caption>${escapeHtml(shown.caption)}</figcaption>`,
      `<script type="application/json" data-input-data>${jsonForScript({ samples })}</script>`,
      `</figure>`,
    ].join('');
  },
};
