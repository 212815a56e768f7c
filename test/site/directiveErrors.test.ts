// Every message the directive plugin can stop the build with, word for word, and the line it points at.
import { readFileSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHART_NAMES } from '../../site/lib/charts/index';
import { makeFakeArtifacts, renderMarkdown } from './helpers';
import { sharedFakeArtifacts, type FakeArtifacts } from './sharedFakeArtifacts';

const PAGE = '/x/content/en/page.md'; // not on disk: line numbers are the markdown's own
const LAYERS = 'conv2d, max_pooling2d, dropout, conv2d_1, max_pooling2d_1, dropout_1, conv2d_2, max_pooling2d_2';

let artifacts: FakeArtifacts;
beforeAll(async () => {
  artifacts = await sharedFakeArtifacts();
});
afterAll(() => artifacts.cleanup());

/** The build error's message for `markdown` (fails the test if it renders). */
async function errorOf(markdown: string, artifactsDir = artifacts.dir, file = PAGE, lang?: 'en'): Promise<string> {
  const error = await renderMarkdown(markdown, { artifactsDir, path: file, lang }).then(() => null, (e: Error) => e);
  if (!error) throw new Error(`expected ${JSON.stringify(markdown)} to fail`);
  return error.message;
}

/** The build errors for each markdown snippet, against a fresh artifacts folder with one JSON file edited. */
async function errorsWithEdited(rel: string, edit: (value: Record<string, unknown>) => void, ...markdown: string[]): Promise<string[]> {
  const fake = await makeFakeArtifacts();
  try {
    const file = path.join(fake.dir, rel);
    const value = JSON.parse(await readFile(file, 'utf8'));
    edit(value);
    await writeFile(file, JSON.stringify(value));
    const errors: string[] = [];
    for (const md of markdown) errors.push(await errorOf(md, fake.dir));
    return errors;
  } finally {
    await fake.cleanup();
  }
}

describe('directive error messages', () => {
  const cases: [string, string, string][] = [
    ['an unknown directive', 'Intro.\n\n::galery{layer="conv2d"}',
      `${PAGE}:3:1 ::galery: unknown directive "::galery". Valid directives: :metric, ::chart, ::summary, ::gallery, ::sample-picker, ::input, ::digits, ::filters, ::provenance, ::explorer, ::attribution, ::sanity-check, :explain-setting, ::embedding-map, :embedding-setting, ::timelapse, ::channel-dictionary, ::class-optimised, :dictionary-setting. (Plain text with a colon before a word, like "a:b", parses as a directive: write "a\\:b".)`],
    ['a text directive on its own line', '::metric{name="test_loss"}', `${PAGE}:1:1 ::metric: "::metric" must be written as :metric`],
    ['a leaf directive inside a sentence', 'See :summary here.', `${PAGE}:1:5 :summary: ":summary" must be written as ::summary`],
    ['a container directive', ':::filters\n:::', `${PAGE}:1:1 :::filters: ":::filters" must be written as ::filters`],
    ['an unknown attribute', '::digits{set="gallery" size="large"}', `${PAGE}:1:1 ::digits: unknown attribute "size" on ::digits. Valid attributes: set`],
    ['an attribute on a directive that takes none', '::input{sample="7"}', `${PAGE}:1:1 ::input: unknown attribute "sample" on ::input. Valid attributes: (none)`],
    ['a missing chart name', '::chart', `${PAGE}:1:1 ::chart: missing chart name. Valid values: ${CHART_NAMES.join(', ')}`],
    ['an unknown chart name', '::chart{name="losses"}', `${PAGE}:1:1 ::chart: unknown chart name "losses". Valid values: ${CHART_NAMES.join(', ')}`],
    ['a layer on a chart without layers', '::chart{name="loss" layer="conv2d"}', `${PAGE}:1:1 ::chart: the layer attribute only applies to the mean-activation chart`],
    ['an unknown chart layer', '::chart{name="mean-activation" layer="dense"}', `${PAGE}:1:1 ::chart: unknown layer "dense". Valid values: ${LAYERS}`],
    ['an unknown gallery layer', 'Text.\n\n::gallery{layer="conv2d_3"}', `${PAGE}:3:1 ::gallery: unknown layer "conv2d_3". Valid values: ${LAYERS}`],
    ['a gallery without a layer', '::gallery', `${PAGE}:1:1 ::gallery: missing layer. Valid values: ${LAYERS}`],
    ['an unknown digits set', '::digits{set="all"}', `${PAGE}:1:1 ::digits: unknown digits set "all". Valid values: gallery, misclassified, samples`],
    ['an unknown attribute where several are valid', '::attribution{size="large"}', `${PAGE}:1:1 ::attribution: unknown attribute "size" on ::attribution. Valid attributes: sample, set, method, layer`],
    ['an attribute written without a value', 'Loss :metric{name}.', `${PAGE}:1:6 :metric: unknown metric name "". Valid values: `],
    ['an unknown attribution set', '::attribution{set="all"}', `${PAGE}:1:1 ::attribution: unknown set "all". Valid values: samples, gallery, misclassified`],
    ['an unknown attribution method', '::attribution{method="lime"}', `${PAGE}:1:1 ::attribution: unknown method "lime". Valid values: gradient, smoothgrad, integrated-gradients, grad-cam, occlusion`],
    ['an unknown metric format', 'Rate :metric{name="learning_rate" format="hex"}.', `${PAGE}:1:6 :metric: unknown metric format "hex". Valid values: `],
  ];
  for (const [what, markdown, message] of cases) {
    it(`names the file, line, column and valid choices for ${what}`, async () => {
      const actual = await errorOf(markdown);
      if (message.endsWith(': ')) expect(actual.startsWith(message)).toBe(true);
      else expect(actual).toBe(message);
    });
  }

  it('says which metric the pipeline did not record, and which it did', async () => {
    // A metric derived from a listed file cannot be left out (the loader checks those); a stage's own can.
    let recorded: string[] = [];
    const errors = await errorsWithEdited('manifest.json', (m) => {
      const { umap_seconds: _, ...rest } = m.metrics as Record<string, number>;
      m.metrics = rest;
      recorded = Object.keys(rest);
    }, 'UMAP took :metric{name="umap_seconds"}.');
    expect(recorded).toContain('test_accuracy');
    expect(errors).toEqual([`${PAGE}:1:11 :metric: metric "umap_seconds" is not in the manifest's metrics (the pipeline did not record it). Recorded: ${recorded.join(', ')}`]);
  });

  it('names the layer and image of a grid missing from visuals.json', async () => {
    const errors = await errorsWithEdited('visuals.json', (v) => {
      v.grids = (v.grids as { layer: string; sample: number }[]).filter((g) => !(g.layer === 'conv2d_1' && g.sample === 103));
    }, '::gallery{layer="conv2d_1"}');
    expect(errors).toEqual([`${PAGE}:1:1 ::gallery: visuals.json has no conv2d_1 grid for test image 103`]);
  });

  it('says so when visuals.json lists no samples', async () => {
    const errors = await errorsWithEdited('visuals.json', (v) => {
      v.samples = [];
    }, '::input', '::gallery{layer="conv2d"}');
    expect(errors).toEqual([`${PAGE}:1:1 ::input: visuals.json lists no samples`, `${PAGE}:1:1 ::gallery: visuals.json lists no samples`]);
  });

  it('says <markdown> where there is no file name', async () => {
    const located = await renderMarkdown('::galery', { artifactsDir: artifacts.dir, lang: 'en' }).catch((e: Error) => e.message);
    expect(located).toMatch(/^<markdown>:1:1 ::galery: unknown directive/);
    const unlocated = await renderMarkdown('::summary', { artifactsDir: artifacts.dir }).catch((e: Error) => e.message);
    expect(unlocated).toBe('<markdown>: cannot tell the page language; content files live in content/en/ or content/zh/.');
  });

  it('keeps the original error as the cause of a failure that is not the author\'s, and adds none to an authoring error', async () => {
    const fake = await makeFakeArtifacts();
    try {
      await writeFile(path.join(fake.dir, 'visuals/input/sample-51.png'), 'not a PNG');
      const broken = await renderMarkdown('::input', { artifactsDir: fake.dir, path: PAGE }).catch((e: Error) => e);
      expect(broken).toBeInstanceOf(Error);
      expect((broken as Error).message).toMatch(new RegExp(`^${PAGE}:1:1 ::input: .*sample-51\\.png is not a PNG file`));
      expect((broken as Error).cause).toBeInstanceOf(Error);
      expect((broken as Error).message).toContain(((broken as Error).cause as Error).message);
      const authoring = await renderMarkdown('::galery', { artifactsDir: fake.dir, path: PAGE }).catch((e: Error) => e);
      expect((authoring as Error).cause).toBeUndefined();
    } finally {
      await fake.cleanup();
    }
  });

  it('cannot tell the language of a file outside content/en and content/zh', async () => {
    expect(await errorOf('::summary', artifacts.dir, '/x/notes/page.md')).toBe('/x/notes/page.md: cannot tell the page language; content files live in content/en/ or content/zh/.');
  });
});

describe('directive error lines with real frontmatter', () => {
  // Astro hands remark the body only: the frontmatter removed and the rest trimmed (its markdown entry type's getEntryInfo).
  const astroBody = (source: string) => source.replace(/^---\r?\n[\s\S]*?\r?\n---\r?\n/, '').trim();
  const fixture = (name: string) => path.join(__dirname, 'fixtures', 'directives', name, 'input.md');

  for (const [name, line] of [['unknown-directive', '6:1'], ['unknown-metric', '4:14']] as const) {
    it(`points at line ${line} of the file for ${name}, not at the line within the body`, async () => {
      const file = fixture(name);
      const body = astroBody(readFileSync(file, 'utf8'));
      expect(await errorOf(body, artifacts.dir, file, 'en')).toMatch(new RegExp(`^${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:${line} `));
    });
  }
});
