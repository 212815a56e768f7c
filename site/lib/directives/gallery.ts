import { channelAnchor } from '../../../pipeline/explain/dictionary/channelsIndex';
import { pageUrl } from '../content/pages';
import { escapeHtml, jsonForScript } from '../html';
import { artifactUrl, classNameOf, DirectiveUsageError, layerStatsUrl, requireOneOf, type DirectiveContext, type DirectiveSpec } from './context';

/** What the client script needs to swap the grid to another sample and to locate channel tiles. */
export interface GalleryData {
  layer: string;
  channels: number;
  cols: number;
  tile: number;
  gap: number;
  stats: string;
  /** The sample shown first (the article's image). */
  initial: string;
  labels: { title: string; min: string; max: string; mean: string; dead: string; alive: string; close: string };
  samples: Record<string, { src: string; width: number; height: number; alt: string; caption: string; dead: string }>;
  /** The channel's dictionary entry: href and link text, both with a {channel} placeholder (absent without a dictionary). */
  dictionary?: { href: string; text: string };
}

/**
 * Where a gallery tile's channel is explained: its own layer's entry, or for a pooling or dropout layer the
 * entry of the convolution before it (they pass its channels on one to one).
 */
function dictionaryLink(layerName: string, ctx: DirectiveContext): GalleryData['dictionary'] {
  const index = ctx.artifacts.channels();
  if (!index) return undefined;
  const layers = ctx.artifacts.visuals.layers;
  const conv = layers.slice(0, layers.findIndex((l) => l.name === layerName) + 1).reverse().find((l) => l.type === 'Conv2D');
  if (!conv || !index.layers.some((l) => l.name === conv.name)) return undefined;
  const href = `${pageUrl(ctx.base, ctx.lang, 'channels')}#${channelAnchor(conv.name, '{channel}')}`;
  const text = conv.name === layerName ? ctx.t('zoom.dictionary', { channel: '{channel}' }) : ctx.t('zoom.dictionaryFrom', { channel: '{channel}', conv: conv.name });
  return { href, text };
}

export function galleryData(layerName: string, ctx: DirectiveContext): GalleryData {
  const { artifacts, t, base } = ctx;
  const layer = artifacts.visuals.layers.find((l) => l.name === layerName);
  if (!layer) throw new DirectiveUsageError(`unknown layer "${layerName}"`);
  const [height, width, channels] = layer.shape;
  const samples: GalleryData['samples'] = {};
  const name = classNameOf(ctx);
  let tile = 0;
  let gap = 0;
  for (const sample of artifacts.visuals.samples) {
    const grid = artifacts.visuals.grids.find((g) => g.layer === layer.name && g.sample === sample.index);
    if (!grid) throw new DirectiveUsageError(`visuals.json has no ${layer.name} grid for test image ${sample.index}`);
    ({ tile, gap } = grid);
    const vars = { layer: layer.name, type: layer.type, channels, height, width, sample: sample.index, label: name(sample.label), cols: layer.cols };
    samples[String(sample.index)] = {
      src: artifactUrl(base, grid.path),
      width: grid.width,
      height: grid.height,
      alt: t('gallery.alt', vars),
      caption: t('gallery.caption', vars),
      dead: grid.deadChannels > 0 ? ` · ${t('gallery.dead', { count: grid.deadChannels })}` : '',
    };
  }
  return {
    layer: layer.name, channels, cols: layer.cols, tile, gap,
    stats: layerStatsUrl(base, layer.name),
    initial: String(artifacts.visuals.articleSample),
    labels: {
      title: t('zoom.title', { layer: layer.name }), min: t('zoom.min'), max: t('zoom.max'),
      mean: t('zoom.mean'), dead: t('zoom.dead'), alive: t('zoom.alive'), close: t('zoom.close'),
    },
    samples,
    dictionary: dictionaryLink(layer.name, ctx),
  };
}

/** `::gallery{layer="conv2d_1"}` — the layer's feature-map grid for the selected sample; tiles zoom on click (site/scripts/gallery.ts). */
export const galleryDirective: DirectiveSpec = {
  kind: 'leaf',
  attributes: ['layer'],
  render(attributes, ctx) {
    const layer = requireOneOf(attributes.layer, ctx.artifacts.visuals.layers.map((l) => l.name), 'layer');
    const data = galleryData(layer, ctx);
    const shown = data.samples[String(ctx.artifacts.visuals.articleSample)] ?? Object.values(data.samples)[0];
    if (!shown) throw new DirectiveUsageError(`visuals.json lists no samples`);
    return [
      `<figure class="gallery" data-gallery="${escapeHtml(layer)}">`,
      `<div class="gallery-grid"><img src="${escapeHtml(shown.src)}" width="${shown.width}" height="${shown.height}" alt="${escapeHtml(shown.alt)}" loading="lazy" decoding="async"></div>`,
      `<figcaption><span data-gallery-caption>${escapeHtml(shown.caption)}</span><span data-gallery-dead>${escapeHtml(shown.dead)}</span><span class="hint js-only" hidden>${escapeHtml(ctx.t('gallery.hint'))}</span></figcaption>`,
      `<script type="application/json" data-gallery-data>${jsonForScript(data)}</script>`,
      `</figure>`,
    ].join('');
  },
};
