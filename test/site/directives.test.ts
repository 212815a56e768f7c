// Fixture cases in test/site/fixtures/directives/<case>/: input.md (frontmatter `lang`) and either
// expected.html (exact output) or error.txt (text the build error must contain).
// A normal run never writes expected.html: a missing one fails. After an intended change, regenerate with
// UPDATE_FIXTURES=1 npx vitest run test/site/directives.test.ts (it prints each file it writes).
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { blankFrontmatter } from '../../site/lib/content/renderCheck';
import type { Lang } from '../../site/lib/i18n';
import { renderMarkdown } from './helpers';
import { sharedFakeArtifacts, type FakeArtifacts } from './sharedFakeArtifacts';
import { readSnapshot } from './snapshotFixture';
import { DIRECTIVES } from '../../site/lib/directives/registry';

const FIXTURES = path.join(__dirname, 'fixtures', 'directives');
const cases = readdirSync(FIXTURES).sort();
const AFTER = 'End of page.';

let artifacts: FakeArtifacts;
beforeAll(async () => {
  artifacts = await sharedFakeArtifacts();
});
afterAll(() => artifacts.cleanup());

function readCase(name: string): { markdown: string; lang: Lang; file: string } {
  const file = path.join(FIXTURES, name, 'input.md');
  const source = readFileSync(file, 'utf8');
  const lang = /^lang: (en|zh)$/m.exec(source)?.[1] as Lang | undefined;
  if (!lang) throw new Error(`${file}: frontmatter needs "lang: en" or "lang: zh"`);
  // A paragraph after the directives: an unclosed element in their HTML would swallow it.
  return { markdown: `${blankFrontmatter(source)}\n${AFTER}\n`, lang, file };
}

describe('directive fixtures', () => {
  it('has both output and error cases', () => {
    expect(cases.filter((c) => existsSync(path.join(FIXTURES, c, 'error.txt'))).length).toBeGreaterThan(3);
    expect(cases.filter((c) => !existsSync(path.join(FIXTURES, c, 'error.txt'))).length).toBeGreaterThan(3);
  });

  for (const name of cases) {
    const errorFile = path.join(FIXTURES, name, 'error.txt');
    if (existsSync(errorFile)) {
      it(`fails ${name} with the file, line and valid names`, async () => {
        const { markdown, lang, file } = readCase(name);
        const expected = readFileSync(errorFile, 'utf8').trim();
        await expect(renderMarkdown(markdown, { artifactsDir: artifacts.dir, lang, base: '/sub/', path: file })).rejects.toThrow(expected);
      });
    } else {
      it(`renders ${name} as expected.html`, async () => {
        const { markdown, lang, file } = readCase(name);
        // Chart SVG and specs are checked in charts.test.ts; here they are elided to keep fixtures readable.
        const html = (await renderMarkdown(markdown, { artifactsDir: artifacts.dir, lang, base: '/sub/', path: file }))
          .replace(/<svg[\s\S]*?<\/svg>/g, '<svg>…</svg>')
          .replace(/(data-chart-spec(?:="")?>)[\s\S]*?<\/script>/g, '$1…</script>');
        const expectedFile = path.join(FIXTURES, name, 'expected.html');
        const update = process.env.UPDATE_FIXTURES === '1';
        expect(html.trimEnd().endsWith(`<p>${AFTER}</p>`), 'the paragraph after the directives stays outside them').toBe(true);
        expect(html).toBe(readSnapshot(expectedFile, html, { update, command: 'npx vitest run test/site/directives.test.ts' }));
      });
    }
  }
});

describe('directive plugin', () => {
  it('takes the page language from the content path', async () => {
    const html = await renderMarkdown(':metric{name="training_seconds"}', { artifactsDir: artifacts.dir, path: '/x/content/zh/index.md' });
    expect(html).toContain('2 分 50 秒');
  });

  it('takes the language from a relative content path too, and not from a file that only starts like one', async () => {
    expect(await renderMarkdown(':metric{name="training_seconds"}', { artifactsDir: artifacts.dir, path: 'zh/index.md' })).toContain('2 分 50 秒');
    await expect(renderMarkdown(':metric{name="training_seconds"}', { artifactsDir: artifacts.dir, path: '/x/content/zh/index.md.orig' })).rejects.toThrow('cannot tell the page language');
  });

  it('adds the trailing slash a base written without one lacks', async () => {
    const html = await renderMarkdown('::input', { artifactsDir: artifacts.dir, lang: 'en', base: '/cnn' });
    expect(html).toContain('src="/cnn/artifacts/visuals/input/sample-51.png"');
  });

  it('renders a chart as inline SVG plus its compiled Vega spec', async () => {
    const html = await renderMarkdown('::chart{name="accuracy"}', { artifactsDir: artifacts.dir, lang: 'en' });
    expect(html).not.toContain('data-chart-samples'); // only the mean-activation chart follows the picker
    expect(html).toMatch(/<figure class="chart" data-chart="accuracy" data-chart-width="\d+"><div class="chart-view" role="img" aria-label="Accuracy per epoch"><svg[^>]*viewBox/);
    const spec = JSON.parse(/data-chart-spec="?"?>(.*?)<\/script>/s.exec(html)?.[1] ?? 'null');
    expect(spec.$schema).toContain('/vega/');
    expect(JSON.stringify(spec.title)).toContain('Accuracy per epoch');
  });

  it('renders the mean-activation chart for the named layer', async () => {
    const html = await renderMarkdown('::chart{name="mean-activation" layer="conv2d_1"}', { artifactsDir: artifacts.dir, lang: 'en' });
    expect(html).toContain('Mean activation per channel of conv2d_1 (test image 51)');
  });

  it('gives the mean-activation chart every sample\'s values so it can follow the picker', async () => {
    const html = await renderMarkdown('::chart{name="mean-activation" layer="conv2d"}', { artifactsDir: artifacts.dir, lang: 'zh' });
    const data = JSON.parse(/data-chart-samples="?"?>(.*?)<\/script>/s.exec(html)?.[1] ?? 'null');
    expect(Object.keys(data.samples)).toHaveLength(11);
    expect(data.samples['103'].title).toBe('conv2d 各通道的平均激活（测试图像 103）');
    expect(data.samples['51'].channels).toHaveLength(32);
    expect(data.samples['51'].channels[5]).toEqual([0, 0, 0, 1]);
  });

  it('refuses a layer on charts that have none', async () => {
    await expect(renderMarkdown('::chart{name="loss" layer="conv2d"}', { artifactsDir: artifacts.dir, lang: 'en' })).rejects.toThrow('only applies to the mean-activation chart');
  });

  it('names npm run pipeline when the manifest is missing', async () => {
    await expect(renderMarkdown('::summary', { artifactsDir: path.join(artifacts.dir, 'nowhere'), lang: 'en' })).rejects.toThrow('npm run pipeline');
  });

  it('leaves markdown without directives alone even with no artifacts', async () => {
    const html = await renderMarkdown('Just *text*.', { artifactsDir: path.join(artifacts.dir, 'nowhere'), lang: 'en' });
    expect(html).toBe('<p>Just <em>text</em>.</p>');
  });

  it('renders provenance with versions, timings and checksums', async () => {
    const html = await renderMarkdown('::provenance', { artifactsDir: artifacts.dir, lang: 'en' });
    expect(html).toContain('cpu (plain JavaScript), 1 thread');
    expect(html).toContain('ab'.repeat(32));
    expect(html).toContain('2 min 50 s');
    expect(html).toContain('the cpu backend’s own (oneDNN addon not used)'.replace('’', "'"));
  });

  it('names the oneDNN version, threading and kernels in the provenance of a wasm+onednn run, in both languages', async () => {
    const onednn = { version: '2.6.3', threading: 'OpenMP', threads: 1, kernels: ['Conv2D', 'MaxPool'] };
    const fake = await sharedFakeArtifacts({ backend: { name: 'wasm', version: '4.22.0', threads: 2, description: 'wasm', onednn } });
    try {
      const en = await renderMarkdown('::provenance', { artifactsDir: fake.dir, lang: 'en' });
      expect(en).toContain('oneDNN 2.6.3 (OpenMP, 1 thread per worker) for <code>Conv2D</code>, <code>MaxPool</code>');
      const zh = await renderMarkdown('::provenance', { artifactsDir: fake.dir, lang: 'zh' });
      expect(zh).toContain('oneDNN 2.6.3（OpenMP，每个工作线程 1 个线程）负责 <code>Conv2D</code>, <code>MaxPool</code>');
    } finally {
      await fake.cleanup();
    }
  });
});

describe('directive vocabulary', () => {
  // What content authors may write; changing it is a change to every page's markdown contract.
  const VOCABULARY: Record<string, [kind: 'text' | 'leaf', attributes: string[]]> = {
    metric: ['text', ['name', 'format']], chart: ['leaf', ['name', 'layer']], summary: ['leaf', []], gallery: ['leaf', ['layer']],
    'sample-picker': ['leaf', []], input: ['leaf', []], digits: ['leaf', ['set']], filters: ['leaf', []], provenance: ['leaf', []],
    explorer: ['leaf', []], attribution: ['leaf', ['sample', 'set', 'method', 'layer']], 'sanity-check': ['leaf', []],
    'explain-setting': ['text', ['name']], 'embedding-map': ['leaf', []], 'embedding-setting': ['text', ['name']], timelapse: ['leaf', ['start']],
    'channel-dictionary': ['leaf', ['layer']], 'class-optimised': ['leaf', []], 'dictionary-setting': ['text', ['name', 'layer']],
    model: ['text', ['fact']], 'layer-sections': ['leaf', []], 'model-source': ['leaf', []], 'chance-note': ['leaf', []],
    data: ['text', ['fact']], 'data-description': ['leaf', []], predictions: ['text', ['fact']],
  };

  it('has exactly the documented directives, each with its kind and attributes', () => {
    expect(Object.fromEntries(Object.entries(DIRECTIVES).map(([name, spec]) => [name, [spec.kind, [...spec.attributes]]]))).toEqual(VOCABULARY);
  });
});
