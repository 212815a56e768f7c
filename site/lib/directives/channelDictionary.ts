import { channelAnchor, type ChannelEntry, type ChannelsIndex, type DictionaryLayer } from '../../../pipeline/explain/dictionary/channelsIndex';
import { formatDecimal } from '../format/number';
import { attrs, escapeHtml } from '../html';
import { artifactUrl, DirectiveUsageError, requireOneOf, type DirectiveContext, type DirectiveSpec } from './context';
import { kernelSizeText } from './kernelSize';

/** The dictionary's index, or an error naming what to do when this build has none. */
export function requireChannels({ artifacts }: DirectiveContext): ChannelsIndex {
  const index = artifacts.channels();
  if (!index) throw new DirectiveUsageError('the manifest lists no channel dictionary (explain/channels.json); run the pipeline again to create it');
  return index;
}

/** A lazy <img> of a listed artifact PNG, with its own pixel size. */
export function artifactImg(relPath: string, alt: string, { artifacts, base }: DirectiveContext): string {
  const { width, height } = artifacts.imageSize(relPath);
  return `<img${attrs({ src: artifactUrl(base, relPath), width, height, alt, loading: 'lazy', decoding: 'async' })}>`;
}

/** The entry of one channel: a tile (its optimised image) that opens (native <details>, no script needed) on its examples, the image enlarged, and the kernel. */
function entryHtml(layer: DictionaryLayer, entry: ChannelEntry, index: ChannelsIndex, ctx: DirectiveContext): string {
  const { t, lang } = ctx;
  const vars = { layer: layer.name, channel: entry.channel };
  const num = (v: number) => formatDecimal(v, lang);
  const examples = entry.examples.map((e) => `<li>${escapeHtml(t('dict.example', { index: e.index, value: num(e.value) }))}</li>`).join('');
  const size = entry.kernel ? kernelSizeText(ctx.artifacts.manifest.model, layer.name) : '';
  const kernel = entry.kernel
    ? `<figure class="channel-kernel">${artifactImg(entry.kernel.image, t('dict.kernelAlt', { ...vars, kernel: size, values: entry.kernel.values.map(num).join(', ') }), ctx)}`
      + `<figcaption>${escapeHtml(t(ctx.artifacts.manifest.model.input.channels === 3 ? 'dict.kernelRgb' : 'dict.kernel', { layer: layer.name, kernel: size, maxAbs: num(entry.kernel.maxAbs) }))}</figcaption></figure>`
    : '';
  return [
    `<li><details class="channel-entry" id="${escapeHtml(channelAnchor(layer.name, entry.channel))}">`,
    `<summary>${artifactImg(entry.optimised.image, t('dict.optimisedAlt', vars), ctx)}<span>${escapeHtml(t('dict.tile', vars))}</span></summary>`,
    `<div class="channel-detail"><p class="channel-title">${escapeHtml(t('dict.title', vars))}</p>`,
    `<figure class="channel-examples">${artifactImg(entry.strip, t('dict.examplesAlt', { ...vars, count: entry.examples.length }), ctx)}`,
    `<figcaption>${escapeHtml(t('dict.examples'))}<ol>${examples}</ol></figcaption></figure>`,
    // The tile's own image grows when the entry opens (site.css): a second copy here would only add bytes.
    `<p class="channel-optimised">${escapeHtml(t('dict.optimised', { start: num(entry.optimised.start), objective: num(entry.optimised.objective), steps: index.ascent.steps }))}</p>`,
    kernel,
    `</div></details></li>`,
  ].join('');
}

function panelHtml(layer: DictionaryLayer, index: ChannelsIndex, ctx: DirectiveContext): string {
  const { t } = ctx;
  return [
    `<section class="dictionary-panel" id="dictionary-${escapeHtml(layer.name)}" data-layer="${escapeHtml(layer.name)}">`,
    `<h3>${escapeHtml(t('dict.heading', { layer: layer.name, channels: layer.channels }))}</h3>`,
    `<p>${escapeHtml(t('dict.field', { layer: layer.name, size: layer.field.size, count: index.topK }))}</p>`,
    `<ul class="channel-grid">${layer.entries.map((e) => entryHtml(layer, e, index, ctx)).join('')}</ul>`,
    `</section>`,
  ].join('');
}

/**
 * `::channel-dictionary` — every channel of the dictionary's layers, one tab per layer
 * (site/scripts/channels.ts adds the tabs; without script the layers follow one another).
 * `layer="conv2d_1"` shows one layer only.
 */
export const channelDictionaryDirective: DirectiveSpec = {
  kind: 'leaf',
  attributes: ['layer'],
  render(attributes, ctx) {
    const index = requireChannels(ctx);
    const names = index.layers.map((l) => l.name);
    const layers = attributes.layer === undefined ? index.layers : [index.layers[names.indexOf(requireOneOf(attributes.layer, names, 'dictionary layer'))]];
    const tabs = layers.map((l, k) => `<button type="button" role="tab" id="dictionary-tab-${escapeHtml(l.name)}" aria-controls="dictionary-${escapeHtml(l.name)}" aria-selected="${k === 0}" tabindex="${k === 0 ? 0 : -1}">${escapeHtml(ctx.t('dict.tab', { layer: l.name, channels: l.channels }))}</button>`);
    return [
      `<div class="dictionary" data-dictionary>`,
      `<div class="dictionary-tabs js-only" role="tablist" aria-label="${escapeHtml(ctx.t('dict.tabs'))}" hidden>${tabs.join('')}</div>`,
      layers.map((l) => panelHtml(l, index, ctx)).join(''),
      `</div>`,
    ].join('');
  },
};
