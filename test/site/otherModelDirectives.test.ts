// The directives that show the model follow the manifest's description, not the tutorial's network:
// the explorer's layers, classes and Grad-CAM layer; the embedding map's layer, or a note when the
// model has none; the mean-activation chart's default layer; the dictionary's kernel size.
import { beforeAll, describe, expect, it } from 'vitest';
import { loadArtifacts, type SiteArtifacts } from '../../site/lib/artifacts/load';
import { channelDictionaryDirective } from '../../site/lib/directives/channelDictionary';
import { chartDirective } from '../../site/lib/directives/chart';
import type { DirectiveContext } from '../../site/lib/directives/context';
import { embeddingMapDirective } from '../../site/lib/directives/embeddingMap';
import { explorerDirective, type ExplorerData } from '../../site/lib/directives/explorer';
import { translator, type Lang } from '../../site/lib/i18n';
import type { ModelDescription } from '../../pipeline/model/description';
import { sharedFakeArtifacts } from './sharedFakeArtifacts';

let artifacts: SiteArtifacts;
beforeAll(async () => {
  artifacts = loadArtifacts((await sharedFakeArtifacts()).dir);
});

/** The fake artifacts with the manifest describing another model (the files stay the tutorial's). */
function withModel(change: (m: ModelDescription) => Partial<ModelDescription>, lang: Lang = 'en'): DirectiveContext {
  const model = { ...artifacts.manifest.model, ...change(artifacts.manifest.model) };
  return { artifacts: { ...artifacts, manifest: { ...artifacts.manifest, model } }, lang, t: translator(lang), base: '/' };
}

const explorerData = (html: string) => JSON.parse(/<script type="application\/json" data-explorer-data>(.*?)<\/script>/s.exec(html)?.[1] ?? 'null') as ExplorerData;

describe('::explorer', () => {
  it('writes the tutorial’s model facts into the page: 28×28×1, ten classes, eight layers, Grad-CAM at conv2d_1', () => {
    const html = explorerDirective.render({}, withModel(() => ({}))) as string;
    const { network } = explorerData(html);
    expect(network).toMatchObject({ input: { height: 28, width: 28, channels: 1, scale: 'unit' }, classes: 10, gradCamLayer: 'conv2d_1', logitLayer: 'dense_1', softmax: 'dense' });
    expect(network.layers).toHaveLength(8);
    expect(html.match(/<meter /g)).toHaveLength(10);
    expect(html).toContain('Grad-CAM at conv2d_1 for the top class');
    expect(html).toContain('The 28×28 input the network receives');
  });

  it('follows another model: its input, class count, visualized layers and Grad-CAM layer', () => {
    const ctx = withModel((m) => ({
      input: { height: 32, width: 32, channels: 3, scale: 'byte' },
      classes: 4,
      visualized: ['conv2d', 'conv2d_2'],
      gradCam: ['conv2d_2'],
      logitLayer: 'dense',
      softmax: 'none',
      layers: m.layers.map((l) => (l.name === 'conv2d_2' ? { ...l, outputShape: [4, 6, 128] } : l)),
    }), 'zh');
    const html = explorerDirective.render({}, ctx) as string;
    const { network } = explorerData(html);
    expect(network).toMatchObject({ input: { height: 32, width: 32, channels: 3, scale: 'byte' }, classes: 4, gradCamLayer: 'conv2d_2', logitLayer: 'dense', softmax: 'none' });
    expect(network.layers.map((l) => l.name)).toEqual(['conv2d', 'conv2d_2']);
    expect(html.match(/<meter /g)).toHaveLength(4);
    expect(html.match(/data-layer="/g)).toHaveLength(2);
    expect(html).toContain('conv2d_2（Conv2D）：128 个 4×6 通道');
    expect(html).toContain('在 conv2d_2 层的 Grad-CAM');
    expect(html).toContain('网络实际接收的 32×32 彩色输入（3 个通道）');
    // A colour model has no drawing pad; four classes the data does not name get numbered names.
    expect(html).not.toContain('data-pad');
    expect(explorerData(html)).toMatchObject({ pad: null, classes: { names: ['类别 0', '类别 1', '类别 2', '类别 3'], noun: 'image' } });
    expect(html).not.toContain('conv2d_1');
  });
});

describe('::embedding-map', () => {
  it('names the tutorial’s dense layer and its 128 values in the title', async () => {
    expect(await embeddingMapDirective.render({}, withModel(() => ({})))).toContain('aria-label="The test set arranged by the dense layer&#39;s 128 values"');
  });

  it('names another embedding layer and its size, and tells the tooltip script the test images’ shape', async () => {
    const ctx = withModel(() => ({ embedding: 'flatten', input: { height: 32, width: 30, channels: 3, scale: 'unit' } }));
    const html = await embeddingMapDirective.render({}, ctx);
    expect(html).toContain('arranged by the flatten layer&#39;s 128 values');
    const points = JSON.parse(/data-chart-points>(.*?)<\/script>/s.exec(html)?.[1] ?? '{}') as { input: unknown };
    expect(points.input).toEqual({ height: 32, width: 30, channels: 3 });
  });

  it.each([
    ['en', 'This model has no hidden dense layer and no global pooling layer, so there is no embedding to map.'],
    ['zh', '这个模型没有隐藏的全连接层，也没有全局池化层，因此没有可供排布的嵌入。'],
  ] as const)('says in %s that a model without an embedding layer has no map, instead of failing', async (lang, note) => {
    const ctx = withModel(() => ({ embedding: null }), lang);
    // The model has no embedding, so the build wrote no embedding files: reading them would fail.
    ctx.artifacts = { ...ctx.artifacts, embedding: () => { throw new Error('no embedding files'); } };
    expect(await embeddingMapDirective.render({}, ctx)).toBe(`<p class="chart-note embedding-none" data-embedding-none>${note}</p>`);
  });
});

describe('::chart{name="mean-activation"}', () => {
  it('defaults to the model’s first convolution', async () => {
    expect(await chartDirective.render({ name: 'mean-activation' }, withModel(() => ({})))).toContain('aria-label="Mean activation per channel of conv2d (test image 51)"');
    const html = await chartDirective.render({ name: 'mean-activation' }, withModel(() => ({ firstConvolution: 'conv2d_1' })));
    const samples = JSON.parse(/data-chart-samples>(.*?)<\/script>/s.exec(html)?.[1] ?? '{}') as { samples: Record<string, { title: string; channels: unknown[] }> };
    expect(html).toContain('aria-label="Mean activation per channel of conv2d_1 (test image 51)"');
    const first = Object.values(samples.samples)[0];
    expect(first.title).toContain('conv2d_1');
    expect(first.channels).toHaveLength(64);
  });
});

describe('::channel-dictionary', () => {
  it('gives the kernel size of the layer the description records', () => {
    const html = channelDictionaryDirective.render({ layer: 'conv2d' }, withModel((m) => ({ layers: m.layers.map((l) => (l.name === 'conv2d' ? { ...l, kernelSize: [5, 5] as [number, number] } : l)) }))) as string;
    expect(html).toContain('The 5×5 kernel: blue weights negative');
    expect(html).not.toContain('3×3 kernel');
  });
});
