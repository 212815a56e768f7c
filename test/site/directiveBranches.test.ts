// Branches of the directives that the shared fake artifacts do not reach: empty sets, a dictionary
// without a layer, no flagged method, a picker sample that is not first. Each edits one part of the
// loaded artifacts in memory.
import { beforeAll, describe, expect, it } from 'vitest';
import { loadArtifacts, type SiteArtifacts } from '../../site/lib/artifacts/load';
import { attributionDirective } from '../../site/lib/directives/attribution';
import { DirectiveUsageError, type DirectiveContext } from '../../site/lib/directives/context';
import { digitsDirective } from '../../site/lib/directives/digits';
import { explorerDirective } from '../../site/lib/directives/explorer';
import { filtersDirective } from '../../site/lib/directives/filters';
import { galleryData, galleryDirective } from '../../site/lib/directives/gallery';
import { inputDirective } from '../../site/lib/directives/input';
import { provenanceDirective } from '../../site/lib/directives/provenance';
import { sanityCheckDirective } from '../../site/lib/directives/sanityCheck';
import { translator } from '../../site/lib/i18n';
import { sharedFakeArtifacts } from './sharedFakeArtifacts';

let ctx: DirectiveContext;
beforeAll(async () => {
  ctx = { artifacts: loadArtifacts((await sharedFakeArtifacts()).dir), lang: 'en', t: translator('en'), base: '/' };
});

const withArtifacts = (change: (a: SiteArtifacts) => Partial<SiteArtifacts>): DirectiveContext => ({ ...ctx, artifacts: { ...ctx.artifacts, ...change(ctx.artifacts) } });

describe('::digits', () => {
  it('says the set is empty instead of drawing an empty grid', () => {
    const none = withArtifacts((a) => ({ visuals: { ...a.visuals, misclassified: [] } }));
    expect(digitsDirective.render({ set: 'misclassified' }, none)).toBe('<p class="digits-empty">No images in this set.</p>');
  });
});

describe('::gallery and ::input', () => {
  it('links no tile to a dictionary that lacks the layer\'s convolution, and still links the others', () => {
    const withoutConv1 = withArtifacts((a) => ({ channels: () => ({ ...a.channels()!, layers: a.channels()!.layers.filter((l) => l.name !== 'conv2d_1') }) }));
    expect(galleryData('conv2d_1', withoutConv1).dictionary).toBeUndefined();
    expect(galleryData('dropout_1', withoutConv1).dictionary).toBeUndefined();
    expect(galleryData('dropout', withoutConv1).dictionary?.href).toBe('/en/channels/#conv2d-{channel}');
  });

  it('leaves the dead-channel note out for a layer without dead channels', () => {
    const alive = withArtifacts((a) => ({ visuals: { ...a.visuals, grids: a.visuals.grids.map((g) => ({ ...g, deadChannels: 0 })) } }));
    const html = String(galleryDirective.render({ layer: 'conv2d_2' }, alive));
    expect(html).toContain('<span data-gallery-dead></span>');
    expect(Object.values(galleryData('conv2d_2', alive).samples).every((s) => s.dead === '')).toBe(true);
  });

  it('shows the first sample when the article\'s sample is not among them', () => {
    const other = withArtifacts((a) => ({ visuals: { ...a.visuals, samples: a.visuals.samples.filter((s) => s.index !== a.visuals.articleSample) } }));
    expect(String(inputDirective.render({}, other))).toContain('src="/artifacts/visuals/input/sample-100.png"');
    expect(String(galleryDirective.render({ layer: 'conv2d' }, other))).toContain('src="/artifacts/visuals/layers/conv2d/sample-100.png"');
  });
});

describe('::attribution', () => {
  it('shows both Grad-CAM layers for method="grad-cam" without a layer', async () => {
    const html = await attributionDirective.render({ sample: '51', method: 'grad-cam' }, ctx);
    expect([...html.matchAll(/<img src="[^"]*-(grad-cam-conv2d(?:_\d)?)\.png"/g)].map((m) => m[1])).toEqual(['grad-cam-conv2d_2', 'grad-cam-conv2d_1']);
  });

  it('opens on the article\'s sample even when explain.json lists another first', async () => {
    const explain = ctx.artifacts.explain();
    const reordered = withArtifacts(() => ({ explain: () => ({ ...explain, samples: [...explain.samples].reverse() }) }));
    expect(await attributionDirective.render({}, reordered)).toMatch(/data-attribution-caption>Test image 51\b/);
  });

  it('names the image, class and method of a map missing from explain.json', () => {
    const explain = ctx.artifacts.explain();
    const samples = explain.samples.map((s) => (s.index !== 51 ? s : { ...s, targets: s.targets.map((t) => ({ ...t, maps: t.maps.filter((m) => m.id !== 'occlusion') })) }));
    const missing = withArtifacts(() => ({ explain: () => ({ ...explain, samples }) }));
    expect(() => attributionDirective.render({ sample: '51' }, missing)).toThrow('explain.json has no occlusion map for test image 51, class 3');
  });
});

describe('::sanity-check', () => {
  it('says no method was flagged, and has no constant-map note when no map was constant', () => {
    const explain = ctx.artifacts.explain();
    const constantMaps = Object.fromEntries(Object.entries(explain.sanity.constantMaps).map(([id, counts]) => [id, counts.map(() => 0)]));
    const clean = withArtifacts(() => ({ explain: () => ({ ...explain, sanity: { ...explain.sanity, flagged: [], constantMaps: constantMaps as typeof explain.sanity.constantMaps } }) }));
    const html = String(sanityCheckDirective.render({}, clean));
    expect(html).not.toContain('class="flagged"');
    expect(/<figcaption>(.*?)<\/figcaption>/.exec(html)?.[1]).toBe('<p class="verdict">No method was flagged: with every layer randomised, no map keeps a magnitude ranking correlation of 0.50 or more.</p>');
  });
});

describe('::explorer and ::provenance', () => {
  it('says the explorer needs the model when the manifest lists none', () => {
    const noModel = withArtifacts((a) => ({ manifest: { ...a.manifest, files: a.manifest.files.filter((f) => f.kind !== 'model') } }));
    expect(() => explorerDirective.render({}, noModel)).toThrow('the manifest lists no model (kind "model"); the explorer needs model/model.json');
  });

  it('answers "no" for a data file without a published checksum', () => {
    const manifest = ctx.artifacts.manifest;
    const unknown = withArtifacts(() => ({ manifest: { ...manifest, data: { ...manifest.data, files: manifest.data.files.map((f) => ({ ...f, checksumKnown: false })) } } }));
    expect(String(provenanceDirective.render({}, unknown))).toMatch(/<code class="hash">[0-9a-f]{64}<\/code><\/td><td>no<\/td><\/tr>/);
  });
});

describe('::filters', () => {
  it('names the first convolution, its filter count and kernel size from the model description, not from the grids', async () => {
    const other = withArtifacts((a) => {
      const layers = a.manifest.model.layers.map((l) => (l.name === 'conv2d' ? { ...l, name: 'first', filters: 16, kernelSize: [5, 5] as [number, number] } : l));
      return { manifest: { ...a.manifest, model: { ...a.manifest.model, layers, firstConvolution: 'first' } }, visuals: { ...a.visuals, layers: [] } };
    });
    const html = await filtersDirective.render({}, other);
    expect(html).toMatch(/alt="The 16 5×5 kernels of the first convolution layer"/);
    expect(html).toContain('Kernels of the first layer, first (16 filters of 5×5).');
  });
});

describe('DirectiveUsageError', () => {
  it('names itself, so an uncaught one says it is an authoring error', () => {
    expect(String(new DirectiveUsageError('missing layer'))).toBe('DirectiveUsageError: missing layer');
  });
});
