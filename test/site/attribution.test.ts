import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadArtifacts } from '../../site/lib/artifacts/load';
import { attributionDirective } from '../../site/lib/directives/attribution';
import type { DirectiveContext } from '../../site/lib/directives/context';
import { translator } from '../../site/lib/i18n';
import { sharedFakeArtifacts, type FakeArtifacts } from './sharedFakeArtifacts';

let fake: FakeArtifacts;
let ctx: DirectiveContext;
beforeAll(async () => {
  fake = await sharedFakeArtifacts();
  ctx = { artifacts: loadArtifacts(fake.dir), lang: 'en', t: translator('en'), base: '/' };
});
afterAll(() => fake.cleanup());

describe('::attribution', () => {
  it('shows a misclassified image with maps for the predicted and the true class, and a chooser over all of them', async () => {
    const html = await attributionDirective.render({ set: 'misclassified' }, ctx);
    expect(html.match(/data-target/g)).toHaveLength(2);
    expect(html).toContain('Why 8? The network’s answer');
    expect(html).toContain('Why not 7? The true class');
    expect(html.match(/<option /g)).toHaveLength(3);
    expect(html).toContain('The first 3 of 5 misclassified test images have maps in this build.');
  });

  it('narrows to one Grad-CAM layer', async () => {
    const html = await attributionDirective.render({ sample: '51', method: 'grad-cam', layer: 'conv2d_1' }, ctx);
    expect(html.match(/<img /g)).toHaveLength(1);
    expect(html).toContain('3-grad-cam-conv2d_1.png');
  });

  it('says there is nothing to show when a set is empty rather than failing the build', async () => {
    const explain = ctx.artifacts.explain();
    const noMistakes = { ...ctx, artifacts: { ...ctx.artifacts, explain: () => ({ ...explain, samples: explain.samples.filter((s) => !s.sets.includes('misclassified')) }) } };
    expect(await attributionDirective.render({ set: 'misclassified' }, noMistakes)).toBe('<p class="digits-empty">No images in this set.</p>');
  });

  it('still fails an empty set when the markdown names a sample, and an empty picker set always', async () => {
    const explain = ctx.artifacts.explain();
    const without = (set: string) => ({ ...ctx, artifacts: { ...ctx.artifacts, explain: () => ({ ...explain, samples: explain.samples.filter((s) => !s.sets.includes(set as never)) }) } });
    expect(() => attributionDirective.render({ set: 'misclassified', sample: '7' }, without('misclassified'))).toThrow('explain.json has no test images in the set "misclassified"');
    expect(() => attributionDirective.render({}, without('samples'))).toThrow('explain.json has no test images in the set "samples"');
  });

  it('marks an Integrated Gradients map that did not converge with words, in English and Chinese, and no other map', async () => {
    const badge = /<strong class="map-flag" data-flag>([^<]*)<\/strong>/g;
    const en = await attributionDirective.render({ set: 'misclassified' }, ctx);
    expect([...en.matchAll(badge)].map((m) => m[1])).toEqual(['not converged after 512 steps']); // the true class of image 7 only
    expect(en).toContain('"flag":"not converged after 512 steps"'); // the browser script's copy, for the other images
    const zh = await attributionDirective.render({ set: 'misclassified' }, { ...ctx, lang: 'zh', t: translator('zh') });
    expect([...zh.matchAll(badge)].map((m) => m[1])).toEqual(['512 步后仍未收敛']);
    expect(await attributionDirective.render({ sample: '51' }, ctx)).not.toMatch(badge);
  });

  it('notes a partly explained set only for misclassified images, and only while some are left out', async () => {
    const note = /attribution-partial/;
    expect(await attributionDirective.render({ set: 'gallery' }, ctx)).not.toMatch(note);
    const explain = ctx.artifacts.explain();
    const all = { ...ctx, artifacts: { ...ctx.artifacts, explain: () => ({ ...explain, misclassified: { total: 3, explained: 3 } }) } };
    expect(await attributionDirective.render({ set: 'misclassified' }, all)).not.toMatch(note);
    expect(await attributionDirective.render({ set: 'misclassified' }, ctx)).toMatch(note);
  });
});
