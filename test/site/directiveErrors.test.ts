// Every message the directive plugin can stop the build with, word for word, and the line it points at.
import { readFileSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Root } from 'mdast';
import { unified } from 'unified';
import { VFile } from 'vfile';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHART_NAMES } from '../../site/lib/charts/index';
import { remarkArtifactDirectives } from '../../site/lib/directives/index';
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
      `${PAGE}:3:1 ::galery: unknown directive "::galery". Valid directives: :metric, ::chart, ::summary, ::gallery, ::sample-picker, ::input, ::digits, ::filters, ::provenance, ::explorer, ::attribution, ::sanity-check, :explain-setting, ::embedding-map, :embedding-setting, ::timelapse, ::channel-dictionary, ::class-optimised, :dictionary-setting, :model, ::layer-sections, ::model-source, ::chance-note, :data, ::data-description, :predictions, :::tutorial-network, :::other-network, :::tutorial-layers, :::from-architecture, :::trained-here, :::imported, :::with-embedding, :::without-embedding, :::mnist-data, :::other-data, :::fashion-mnist-data, :::image-folder, :::grey-data, :::colour-data, :::stopped-early, :::ran-to-limit, :::preview-run, :::full-run. (Plain text with a colon before a word, like "a:b", parses as a directive: write "a\\:b".)`],
    ['a name that is an inherited object key, not a directive', '::constructor',
      `${PAGE}:1:1 ::constructor: unknown directive "::constructor". Valid directives: :metric, ::chart, ::summary, ::gallery, ::sample-picker, ::input, ::digits, ::filters, ::provenance, ::explorer, ::attribution, ::sanity-check, :explain-setting, ::embedding-map, :embedding-setting, ::timelapse, ::channel-dictionary, ::class-optimised, :dictionary-setting, :model, ::layer-sections, ::model-source, ::chance-note, :data, ::data-description, :predictions, :::tutorial-network, :::other-network, :::tutorial-layers, :::from-architecture, :::trained-here, :::imported, :::with-embedding, :::without-embedding, :::mnist-data, :::other-data, :::fashion-mnist-data, :::image-folder, :::grey-data, :::colour-data, :::stopped-early, :::ran-to-limit, :::preview-run, :::full-run. (Plain text with a colon before a word, like "a:b", parses as a directive: write "a\\:b".)`],
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

describe('directive syntax that remark-directive would leave as text or read in part', () => {
  const UNCLOSED_LINE = 'unclosed "{": the attributes must end with "}" on the same line. As written, the page shows this as plain text.';
  const ALONE = (written: string) => `${written} must stand alone on its own line (not inside a sentence, heading, table cell or list text). As written, the page shows this as plain text.`;
  const cases: [string, string, string][] = [
    ['an unclosed brace on a leaf directive', 'Intro.\n\n::chart{name="loss"', `${PAGE}:3:1 ::chart: ${UNCLOSED_LINE}`],
    ['a leaf directive whose brace closes on the next line', '::chart{name="loss"\n}', `${PAGE}:1:1 ::chart: ${UNCLOSED_LINE}`],
    ['an unclosed brace on a text directive', 'Intro.\n\nThe loss was :metric{name="test_loss" at the end.',
      `${PAGE}:3:14 :metric: unclosed "{": the attributes must end with "}". As written, the page shows this as plain text.`],
    ['an unclosed brace on a text directive followed by prose and another directive',
      'Training took :metric{name="training_seconds" format="int" seconds, about :metric{name="images_per_second"} per second.',
      `${PAGE}:1:15 :metric: unclosed "{": the attributes must end with "}". As written, the page shows this as plain text.`],
    ['an unclosed brace on a text directive in Chinese prose',
      '训练用了 :metric{name="training_seconds" format="int" 秒，平均每秒处理约 :metric{name="images_per_second"} 张图像。',
      `${PAGE}:1:6 :metric: unclosed "{": the attributes must end with "}". As written, the page shows this as plain text.`],
    ['an unclosed quote on a leaf directive', '::chart{name="loss}', `${PAGE}:1:1 ::chart: ${UNCLOSED_LINE}`],
    ['attributes that cannot be read', 'The loss was :metric{name="test_loss"format="int"}.',
      `${PAGE}:1:14 :metric: attributes that cannot be read: write each as key="value", key='value', key=value, #id, .class or a bare key, separated by spaces. As written, the page shows this as plain text.`],
    ['a repeated attribute with different values', 'Text.\n\n::chart{name="loss" name="accuracy"}',
      `${PAGE}:3:1 ::chart: attribute "name" is given twice (name="loss" name="accuracy"); only the last would count. Give each attribute once.`],
    ['a repeated attribute with the same value', '::chart{name="loss" name=loss}',
      `${PAGE}:1:1 ::chart: attribute "name" is given twice (name="loss" name=loss); only the last would count. Give each attribute once.`],
    ['an attribute given three times on a text directive', 'Loss :metric{name="test_loss" format="int" format=\'percent\' format}.',
      `${PAGE}:1:6 :metric: attribute "format" is given 3 times (format="int" format='percent' format); only the last would count. Give each attribute once.`],
    ['a repeated id', '::filters{#a #b}', `${PAGE}:1:1 ::filters: attribute "id" is given twice (#a #b); only the last would count. Give each attribute once.`],
    ['an unclosed brace in a list item', '- First.\n- ::chart{name="loss"', `${PAGE}:2:3 ::chart: ${UNCLOSED_LINE}`],
    ['a leaf directive inside a list item\'s sentence', '- See ::chart{name="loss"} here.', `${PAGE}:1:7 ::chart: ${ALONE('::chart')}`],
    ['a leaf directive in a heading', '# Title\n\n## Loss ::chart{name="loss"}', `${PAGE}:3:9 ::chart: ${ALONE('::chart')}`],
    ['a space between the name and the brace', '::chart {name="loss"}',
      `${PAGE}:1:1 ::chart: a space between the name and "{": write ::chart{…}. As written, the page shows this as plain text.`],
    ['text after the closing brace', '::chart{name="loss"} and more',
      `${PAGE}:1:1 ::chart: text after the directive on its line: ::chart stands alone on its line, its attributes in {…} directly after the name. As written, the page shows this as plain text.`],
    ['a text directive written with two colons in a sentence', 'Loss ::metric{name="test_loss"}.', `${PAGE}:1:6 ::metric: "::metric" must be written as :metric`],
    ['an unclosed brace on an unknown name opening a paragraph', '::galery{layer="conv2d"', `${PAGE}:1:1 ::galery: unknown directive "::galery". Valid directives: `],
  ];
  for (const [what, markdown, message] of cases) {
    it(`names the file, line, column and fix for ${what}`, async () => {
      const actual = await errorOf(markdown);
      if (message.endsWith(': ')) expect(actual.startsWith(message)).toBe(true);
      else expect(actual).toBe(message);
    });
  }

  it('reports the first problem in the file, before any directive is rendered', async () => {
    expect(await errorOf('::galery\n\n::chart{name="loss"')).toBe(`${PAGE}:3:1 ::chart: ${UNCLOSED_LINE}`);
    expect(await errorOf('::chart{name="loss" name="x"}\n\n:metric{name="a"')).toMatch(new RegExp(`^${PAGE}:1:1 ::chart: attribute "name" is given twice`));
  });

  it('finds directive-like text in a table cell (the tree remark-gfm hands the plugin)', async () => {
    // The helper has no remark-gfm (not a dependency of ours): this is the tree it makes for the table below.
    const source = '| Chart |\n| --- |\n| ::chart{name="loss"} |';
    const at = (offset: number) => ({ line: source.slice(0, offset).split('\n').length, column: offset - source.lastIndexOf('\n', offset - 1), offset });
    const span = (from: number, to: number) => ({ start: at(from), end: at(to) });
    const cell = (text: string, from: number) => ({ type: 'tableCell', children: [{ type: 'text', value: text, position: span(from, from + text.length) }], position: span(from - 2, from + text.length + 2) });
    const body = source.indexOf('::chart');
    const tree = {
      type: 'root',
      children: [{ type: 'table', align: [null], position: span(0, source.length), children: [
        { type: 'tableRow', children: [cell('Chart', 2)], position: span(0, 9) },
        { type: 'tableRow', children: [cell('::chart{name="loss"}', body)], position: span(body - 2, source.length) },
      ] }],
    } as unknown as Root;
    const transform = remarkArtifactDirectives.call(unified(), { artifactsDir: artifacts.dir, lang: 'en' }) as (tree: Root, file: VFile) => Promise<void>;
    const error = await transform(tree, new VFile({ value: source, path: PAGE })).then(() => null, (e: Error) => e);
    expect(error?.message).toBe(`${PAGE}:3:3 ::chart: ${ALONE('::chart')}`);
  });

  const literal: [string, string, string][] = [
    ['a code span', 'Write `::chart{name="loss"` or `:metric{name="a" name="b"}`.', '<p>Write <code>::chart{name="loss"</code> or <code>:metric{name="a" name="b"}</code>.</p>'],
    ['a fenced code block', '```md\n::chart{name="loss"\n:metric{name=\n```', '<pre><code class="language-md">::chart{name="loss"\n:metric{name=\n</code></pre>'],
    ['an indented code block', 'Text.\n\n    ::chart{name="loss"', '<p>Text.</p>\n<pre><code>::chart{name="loss"\n</code></pre>'],
    // `\::chart{…}` escapes only the first colon: `:chart{…}` is still a text directive.
    ['escaped colons', 'a\\:b, \\:metric{name="a" and \\:\\:chart{name="loss"', '<p>a:b, :metric{name="a" and ::chart{name="loss"</p>'],
    ['ratios and times', 'A ratio of 3:1, at 10:30 or 10:30:15.', '<p>A ratio of 3:1, at 10:30 or 10:30:15.</p>'],
    ['URLs', 'See https://example.com/a?b=1 and <https://example.com/x:chart>.', '<p>See https://example.com/a?b=1 and <a href="https://example.com/x:chart">https://example.com/x:chart</a>.</p>'],
    ['prose naming a directive', 'The ::chart directive and the :::filters block.', '<p>The ::chart directive and the :::filters block.</p>'],
    ['an unknown name with a brace inside a sentence', 'A set {a, b} and x::y{z}.', '<p>A set {a, b} and x::y{z}.</p>'],
    ['raw HTML', '<div data-x="::chart{name=">x</div>', '<div data-x="::chart{name=">x</div>'],
  ];
  for (const [what, markdown, html] of literal) {
    it(`leaves ${what} as written`, async () => {
      expect((await renderMarkdown(markdown, { artifactsDir: artifacts.dir, path: PAGE })).trim()).toBe(html);
    });
  }
});

describe('directive syntax error lines with real frontmatter', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'directive-syntax-'));
    await mkdir(path.join(dir, 'content', 'en'), { recursive: true });
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  const FRONTMATTER = '---\ntitle: Training\npage: training\norder: 2\nlang: en\n---\n\n';
  const cases: [string, string, string][] = [
    ['a leaf directive', '# Training\n\nThe loss per epoch:\n\n::chart{name="loss"\n\nEnd.\n', '12:1 ::chart: unclosed "{"'],
    ['a text directive', '# Training\n\nAccuracy reached :metric{name="test_accuracy" format="percent" on the test set.\n', '10:18 :metric: unclosed "{"'],
    ['a repeated attribute', '# Training\n\n::chart{name="loss" name="accuracy"}\n', '10:1 ::chart: attribute "name" is given twice'],
  ];
  for (const [what, body, located] of cases) {
    it(`points at the line and column of the file for an unclosed brace or repeat on ${what}`, async () => {
      const file = path.join(dir, 'content', 'en', `${what.replace(/\W+/g, '-')}.md`);
      await writeFile(file, FRONTMATTER + body);
      // Astro hands remark the body only: the frontmatter removed and the rest trimmed.
      const message = await errorOf(body.trim(), artifacts.dir, file);
      expect(message.startsWith(`${file}:${located}`), message).toBe(true);
    });
  }
});
