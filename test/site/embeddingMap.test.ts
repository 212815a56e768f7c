import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadArtifacts } from '../../site/lib/artifacts/load';
import { STATIC_POINTS, staticSample } from '../../site/lib/directives/embeddingMap';
import type { MapPoint } from '../../shared/embedding/mapPoints';
import { renderMarkdown } from './helpers';
import { sharedFakeArtifacts, type FakeArtifacts } from './sharedFakeArtifacts';

let fake: FakeArtifacts;
beforeAll(async () => {
  fake = await sharedFakeArtifacts();
});
afterAll(() => fake.cleanup());

describe('the embedding map directive', () => {
  it('draws an even sample with every misclassified image into the SVG and tells the script where all points are', async () => {
    const html = await renderMarkdown('::embedding-map', { artifactsDir: fake.dir, base: '/r/', lang: 'en' });
    const { points } = loadArtifacts(fake.dir).embedding();
    const sample = staticSample(points);
    expect(sample.length).toBeLessThanOrEqual(STATIC_POINTS + points.filter((p) => p.label !== p.predicted).length);
    expect(sample.filter((p) => p.label !== p.predicted).map((p) => p.index)).toEqual([7, 19, 33]);
    const marks = /<g class="mark-symbol role-mark[^"]*"[^>]*>(.*?)<\/g>/s.exec(html)?.[1] ?? '';
    expect(marks.match(/<path/g)?.length).toBe(sample.length);
    const data = JSON.parse(/<script type="application\/json" data-chart-points[^>]*>(.*?)<\/script>/s.exec(html)?.[1] ?? '{}');
    expect(data).toMatchObject({ data: 'points', points: '/r/artifacts/explain/embedding/points.u16', count: 1000, shards: '/r/artifacts/' });
    // The spec leaves the points to the script: they would otherwise ride in the page twice.
    const spec = JSON.parse(/<script type="application\/json" data-chart-spec[^>]*>(.*?)<\/script>/s.exec(html)?.[1] ?? '{}');
    expect(spec.data.find((d: { name: string }) => d.name === 'points').values).toEqual([]);
    // Derived datasets read from "points" and carry no values of their own; only the points were emptied.
    expect(spec.data.filter((d: { name: string }) => d.name !== 'points').map((d: object) => ['source' in d, 'values' in d])).toEqual([[true, false]]);
    expect(html).toContain(`shows ${sample.length} of the 1,000 test images`);
  });

  it('keeps every step-th point for the static sample, plus every misclassified one, and all points under the limit', () => {
    const point = (index: number, wrong = false): MapPoint => ({ index, umap: [0, 0], pca: [0, 0], label: 1, predicted: wrong ? 2 : 1 });
    const points = Array.from({ length: 10 }, (_, i) => point(i, i === 4));
    expect(staticSample(points, 4).map((p) => p.index)).toEqual([0, 3, 4, 6, 9]); // step ceil(10 / 4) = 3
    expect(staticSample(points, 10).map((p) => p.index)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
  });

  it('quotes the UMAP settings and the stage\'s numbers in both languages', async () => {
    const md = ':embedding-setting{name="umap_neighbors"} / :embedding-setting{name="umap_min_dist"} / :metric{name="never_active_channels"} / :metric{name="embedding_seconds"}';
    expect(await renderMarkdown(md, { artifactsDir: fake.dir, lang: 'en' })).toMatch(/>15<.*>0\.10<.*>9<.*>17 s</s);
    expect(await renderMarkdown(md, { artifactsDir: fake.dir, lang: 'zh' })).toMatch(/>15<.*>17 秒</s);
  });

  it('names the valid settings when one is misspelt', async () => {
    await expect(renderMarkdown(':embedding-setting{name="umap_neighbours"}', { artifactsDir: fake.dir, lang: 'en' }))
      .rejects.toThrow('unknown embedding setting "umap_neighbours". Valid values: umap_neighbors, umap_min_dist, umap_epochs, umap_seed, code_dims');
  });
});
