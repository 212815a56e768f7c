import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadArtifacts } from '../../site/lib/artifacts/load';
import { channelDictionaryDirective } from '../../site/lib/directives/channelDictionary';
import { classOptimisedDirective } from '../../site/lib/directives/classOptimised';
import type { DirectiveContext } from '../../site/lib/directives/context';
import { dictionarySettingDirective } from '../../site/lib/directives/dictionarySetting';
import { galleryData } from '../../site/lib/directives/gallery';
import { translator } from '../../site/lib/i18n';
import { renderMarkdown } from './helpers';
import { sharedFakeArtifacts, type FakeArtifacts } from './sharedFakeArtifacts';

let fake: FakeArtifacts;
let bare: FakeArtifacts;
let ctx: DirectiveContext;
beforeAll(async () => {
  fake = await sharedFakeArtifacts();
  bare = await sharedFakeArtifacts({ noChannels: true });
  ctx = { artifacts: loadArtifacts(fake.dir), lang: 'en', t: translator('en'), base: '/r/' };
});
afterAll(async () => {
  await fake.cleanup();
  await bare.cleanup();
});

describe('::channel-dictionary', () => {
  it('gives one tab and one panel per layer, and one anchored entry per channel', async () => {
    const html = await channelDictionaryDirective.render({}, ctx);
    const tabs = [...html.matchAll(/role="tab" id="dictionary-tab-(\w+)" aria-controls="dictionary-(\w+)"/g)];
    expect(tabs.map((m) => [m[1], m[2]])).toEqual([['conv2d', 'conv2d'], ['conv2d_1', 'conv2d_1'], ['conv2d_2', 'conv2d_2']]);
    expect(html.match(/<section class="dictionary-panel"/g)).toHaveLength(3);
    expect(html.match(/<details class="channel-entry" id="conv2d(_\d)?-\d+"/g)).toHaveLength(32 + 64 + 128);
    expect(html).toContain('id="conv2d_1-17"');
    expect(html.match(/aria-selected="true"/g)).toHaveLength(1);
  });

  it('wraps the tabs and panels exactly: the first tab selected and focusable, each panel with its heading, field note and entries', async () => {
    const html = String(await channelDictionaryDirective.render({}, ctx));
    const skeleton = html.replace(/<li><details[\s\S]*?<\/details><\/li>/g, '<li>…</li>').replace(/(<li>…<\/li>)+/g, (all) => `[${all.length / '<li>…</li>'.length} entries]`);
    const tab = (layer: string, count: number, first: boolean) =>
      `<button type="button" role="tab" id="dictionary-tab-${layer}" aria-controls="dictionary-${layer}" aria-selected="${first}" tabindex="${first ? 0 : -1}">${layer} (${count})</button>`;
    const panel = (layer: string, count: number, field: number) =>
      `<section class="dictionary-panel" id="dictionary-${layer}" data-layer="${layer}"><h3>${layer}: ${count} channels</h3>`
      + `<p>One position of ${layer} sees a ${field}×${field}-pixel patch of the input. Open a channel for its 9 strongest test images; the orange box marks the patch at the position where each one peaked.</p>`
      + `<ul class="channel-grid">[${count} entries]</ul></section>`;
    expect(skeleton).toBe([
      '<div class="dictionary" data-dictionary><div class="dictionary-tabs js-only" role="tablist" aria-label="Layers of the channel dictionary" hidden>',
      tab('conv2d', 32, true), tab('conv2d_1', 64, false), tab('conv2d_2', 128, false), '</div>',
      panel('conv2d', 32, 3), panel('conv2d_1', 64, 8), panel('conv2d_2', 128, 18), '</div>',
    ].join(''));
  });

  it('renders a channel\'s entry exactly: tile, title, examples with their values, the optimisation and the kernel', async () => {
    const html = String(await channelDictionaryDirective.render({ layer: 'conv2d' }, ctx));
    const entry = /<li><details class="channel-entry" id="conv2d-5">[\s\S]*?<\/details><\/li>/.exec(html)?.[0];
    const img = (file: string, size: string, alt: string) => `<img src="/r/artifacts/explain/channels/conv2d/c005-${file}.png" ${size} alt="${alt}" loading="lazy" decoding="async">`;
    const values = ['3', '2.9', '2.8', '2.7', '2.6', '2.5', '2.4', '2.3', '2.2'];
    expect(entry).toBe([
      '<li><details class="channel-entry" id="conv2d-5"><summary>', img('optimised', 'width="28" height="28"', 'Image optimised to excite conv2d channel 5'), '<span>5</span></summary>',
      '<div class="channel-detail"><p class="channel-title">conv2d, channel 5</p>',
      '<figure class="channel-examples">', img('examples', 'width="520" height="56"', 'The 9 test images that excite conv2d channel 5 most, the receptive field of each peak outlined in orange'),
      '<figcaption>Strongest test images (peak activation):<ol>', ...values.map((v, k) => `<li>no. ${105 + k}: ${v}</li>`), '</ol></figcaption></figure>',
      '<p class="channel-optimised">Optimised image: mean activation before the ReLU 0.01 at the start, 1.55 after 128 steps</p>',
      '<figure class="channel-kernel">', img('kernel', 'width="48" height="48"', '3×3 kernel of conv2d channel 5, row by row: 0.1, -0.2, 0.3, 0, 0.5, -0.6, 0.7, 0.8, -0.9'),
      '<figcaption>The 3×3 kernel: blue weights negative, red positive, on the scale ±0.9 shared by all conv2d kernels</figcaption></figure>',
      '</div></details></li>',
    ].join(''));
  });

  it('lazy-loads every image and shows the examples, the optimised image and, for conv2d only, the kernel', async () => {
    const html = await channelDictionaryDirective.render({ layer: 'conv2d' }, ctx);
    const images = html.match(/<img [^>]*>/g) ?? [];
    // Per entry: the tile's optimised image, the examples strip and the kernel (no second copy of the tile).
    expect(images.length).toBe(32 * 3);
    expect(images.every((i) => i.includes('loading="lazy"'))).toBe(true);
    expect(html).toContain('src="/r/artifacts/explain/channels/conv2d/c005-examples.png" width="520" height="56"');
    expect(html).toContain('no. 105: 3');
    expect(html).toContain('mean activation before the ReLU 0.01 at the start, 1.55 after 128 steps');
    expect(html).toContain('3×3 kernel of conv2d channel 5, row by row: 0.1, -0.2, 0.3, 0, 0.5, -0.6, 0.7, 0.8, -0.9');
    const deeper = await channelDictionaryDirective.render({ layer: 'conv2d_2' }, ctx);
    expect(deeper).not.toContain('channel-kernel');
    expect(deeper).toMatch(/after 128 steps<\/p><\/div><\/details><\/li><li><details/); // nothing where conv2d has its kernel
    expect(deeper).toContain('sees a 18×18-pixel patch');
  });

  it('speaks Chinese on the Chinese page', async () => {
    const html = await channelDictionaryDirective.render({ layer: 'conv2d_1' }, { ...ctx, lang: 'zh', t: translator('zh') });
    expect(html).toContain('conv2d_1：64 个通道');
    expect(html).toContain('第 117 张：3');
  });

  it('names an unknown layer when asked for its gallery data directly', () => {
    expect(() => galleryData('conv2d_9', ctx)).toThrow('unknown layer "conv2d_9"');
  });

  it('names the valid layers for an unknown one, and says what to run when the build has no dictionary', async () => {
    expect(() => channelDictionaryDirective.render({ layer: 'dense' }, ctx)).toThrow('unknown dictionary layer "dense". Valid values: conv2d, conv2d_1, conv2d_2');
    const old = { ...ctx, artifacts: loadArtifacts(bare.dir) };
    expect(() => channelDictionaryDirective.render({}, old)).toThrow(/lists no channel dictionary \(explain\/channels\.json\); run the pipeline again/);
    expect(() => classOptimisedDirective.render({}, old)).toThrow(/lists no channel dictionary/);
  });

  it('points at the file and line of a bad directive in the markdown', async () => {
    await expect(renderMarkdown('Intro\n\n::channel-dictionary{layer="conv9"}\n', { artifactsDir: fake.dir, path: 'content/en/channels.md' })).rejects.toThrow(/channels\.md.*3.*unknown dictionary layer "conv9"/s);
  });
});

describe('::class-optimised and :dictionary-setting', () => {
  it('shows one image per class with its name and score', async () => {
    const html = await classOptimisedDirective.render({}, ctx);
    expect(html.match(/<img /g)).toHaveLength(10);
    expect(html).toContain('alt="Image optimised to raise the score of class 3"');
    expect(html).toContain('3: score 9.3');
  });

  it('quotes settings and receptive fields from channels.json, and lists the names it knows', async () => {
    const text = (attributes: Record<string, string>) => String(dictionarySettingDirective.render(attributes, ctx)).replace(/<[^>]+>/g, '');
    expect(text({ name: 'steps' })).toBe('128');
    expect(text({ name: 'blur' })).toBe('10%');
    expect(text({ name: 'channels' })).toBe('224');
    expect(text({ name: 'test_images' })).toBe('600');
    expect(text({ name: 'field', layer: 'conv2d_2' })).toBe('18');
    expect(() => text({ name: 'field' })).toThrow(/missing dictionary layer \(for name="field"\)/);
    expect(() => text({ name: 'speed' })).toThrow(/unknown dictionary setting "speed". Valid values: steps, .*field/);
  });
});

describe('gallery tiles link to the dictionary', () => {
  it('links a conv layer\'s tile to its own entry', () => {
    expect(galleryData('conv2d_1', ctx).dictionary).toEqual({ href: '/r/en/channels/#conv2d_1-{channel}', text: 'Channel {channel} in the channel dictionary' });
  });

  it('links pooling and dropout tiles to the convolution before them, and says so', () => {
    for (const layer of ['max_pooling2d_1', 'dropout_1']) {
      const link = galleryData(layer, ctx).dictionary;
      expect(link?.href).toBe('/r/en/channels/#conv2d_1-{channel}');
      expect(link?.text).toBe('Channel {channel} of conv2d_1 in the channel dictionary (this layer passes on the channels of conv2d_1)');
    }
    expect(galleryData('max_pooling2d_2', { ...ctx, lang: 'zh', t: translator('zh') }).dictionary?.href).toBe('/r/zh/channels/#conv2d_2-{channel}');
  });

  it('has no link when the build has no dictionary', () => {
    expect(galleryData('conv2d', { ...ctx, artifacts: loadArtifacts(bare.dir) }).dictionary).toBeUndefined();
  });
});
