// Issue #20: the report's prose is true of whatever model the manifest describes. Every page, in both
// languages, is rendered for a model imported from a file (the Keras 2.10 fake) and for the tutorial's.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { frontmatterFor, pageFrontmatterSchema } from '../../site/lib/content/pages';
import { blankFrontmatter } from '../../site/lib/content/renderCheck';
import { LANGS, type Lang } from '../../site/lib/i18n';
import { IMPORTED_DESCRIPTION } from './importedDescription';
import { renderMarkdown } from './helpers';
import { sharedFakeArtifacts, type FakeArtifacts } from './sharedFakeArtifacts';

const CONTENT = path.resolve(__dirname, '../../content');
const PAGES = readdirSync(path.join(CONTENT, 'en')).filter((f) => f.endsWith('.md')).sort();

/** Facts only true of the tutorial's network, as they would read in either language. */
const TUTORIAL_FACTS = [
  '110,474', '110 474', '110474', '32, 64, 128', '32、64、128', '30%', '30 %', '73,728', '73728', 'three blocks', '三个结构相同的块', '三个“卷积', '三块',
  'conv2d_2', 'max_pooling2d_2', '26, 13, 11', '26、13、11', 'dropout_2', 'first eight', '八层',
];

/**
 * Tutorial facts that come from code other parts of issue #20 make generic, not from the content: the
 * attribution maps' fixed Grad-CAM ids (MAP_IDS in pipeline/explain/explainIndex.ts) and the explorer's
 * no-JavaScript note (explore.noscript). Remove each entry once its part lands; until then they are cut
 * from the page before the check, so this test holds the prose to account.
 */
const PENDING_ELSEWHERE: RegExp[] = [];
const withoutPending = (html: string) => PENDING_ELSEWHERE.reduce((h, pattern) => h.replace(pattern, ''), html);

async function renderPages(fake: FakeArtifacts, lang: Lang): Promise<Map<string, string>> {
  const pages = new Map<string, string>();
  for (const name of PAGES) {
    const file = path.join(CONTENT, lang, name);
    pages.set(name, await renderMarkdown(blankFrontmatter(readFileSync(file, 'utf8')), { artifactsDir: fake.dir, path: file }));
  }
  return pages;
}

/** The page as a reader sees it: tags and the JSON data scripts left out. */
const visibleText = (html: string) => html.replace(/<script[\s\S]*?<\/script>/g, '').replace(/<[^>]+>/g, '');

describe('the report for an imported model', () => {
  let fake: FakeArtifacts;
  const rendered = new Map<Lang, Map<string, string>>();
  beforeAll(async () => {
    fake = await sharedFakeArtifacts({ model: 'imported' });
    for (const lang of LANGS) rendered.set(lang, await renderPages(fake, lang));
  }, 120_000);
  afterAll(() => fake.cleanup());

  for (const lang of LANGS) {
    for (const name of PAGES) {
      it(`content/${lang}/${name} states no fact of the tutorial's network`, () => {
        const html = withoutPending(rendered.get(lang)!.get(name)!);
        const found = TUTORIAL_FACTS.filter((fact) => html.includes(fact));
        expect(found, `${lang}/${name}: ${found.map((f) => visibleText(html).split('\n').find((line) => line.includes(f)) ?? f).join(' | ')}`).toEqual([]);
      });
    }

    it(`the ${lang} titles and descriptions state no fact of the tutorial's network`, () => {
      for (const name of PAGES) {
        const block = /^---\n([\s\S]*?)\n---/.exec(readFileSync(path.join(CONTENT, lang, name), 'utf8'))![1]!;
        const data = Object.fromEntries(block.split('\n').map((line) => /^([\w-]+):\s*(.*)$/.exec(line)!).map((m) => [m[1], /^\d+$/.test(m[2]!) ? Number(m[2]) : m[2]!.replace(/^"(.*)"$/, '$1')]));
        const shown = Object.values(frontmatterFor(pageFrontmatterSchema.parse(data), IMPORTED_DESCRIPTION)).join(' ');
        const extra = ['224', 'three-block', '三块式', '3×3', 'trains and measures', 'this site trained', 'We train the tutorial', '训练和评估', '本站训练', '重新训练教程'];
        expect([...TUTORIAL_FACTS, ...extra].filter((fact) => shown.includes(fact)), `${lang}/${name}: ${shown}`).toEqual([]);
      }
    });

    it(`the ${lang} article has every visualized layer's gallery, heading and sentence`, () => {
      const html = rendered.get(lang)!.get('index.md')!;
      for (const layer of IMPORTED_DESCRIPTION.visualized) {
        expect(html).toContain(`data-gallery="${layer}"`);
        expect(html).toContain(`<h3 id="layer-${layer}"><code>${layer}</code>`);
      }
      expect(html.match(/data-gallery="/g)).toHaveLength(IMPORTED_DESCRIPTION.visualized.length);
    });

    it(`the ${lang} training page says where the model came from, without training curves or the timelapse`, () => {
      const html = rendered.get(lang)!.get('training.md')!;
      for (const fact of ['mnist_cnn.h5', 'HDF5', '2.10.0', 'Adam', 'categorical_crossentropy', IMPORTED_DESCRIPTION.source.sha256!]) expect(html).toContain(fact);
      expect(html).not.toContain('data-chart="loss"');
      expect(html).not.toContain('data-chart="accuracy"');
      expect(html).not.toContain('data-timelapse');
    });
  }

  it('states the imported model\'s own facts in both languages', () => {
    const en = visibleText(rendered.get('en')!.get('index.md')!);
    const zh = visibleText(rendered.get('zh')!.get('index.md')!);
    expect(en).toContain('16, 36');
    expect(zh).toContain('16、36');
    expect(en).toContain('242,062');
    expect(zh).toContain('242,062');
  });
});

describe('the report for the tutorial\'s network', () => {
  let fake: FakeArtifacts;
  const rendered = new Map<Lang, Map<string, string>>();
  beforeAll(async () => {
    fake = await sharedFakeArtifacts();
    for (const lang of LANGS) rendered.set(lang, await renderPages(fake, lang));
  }, 120_000);
  afterAll(() => fake.cleanup());

  const PASSAGES: Record<Lang, [string, string][]> = {
    en: [
      ['index.md', 'The network is a plain stack of three blocks.'], ['index.md', '32, 64, 128'], ['index.md', '73,728 weights'],
      ['index.md', 'conv2d: strokes and edges'], ['model.md', '73,856'], ['training.md', '30% of the values after each pooling step'],
      ['explanations.md', 'whose grid is only 3×3'], ['explore.md', 'all eight layers'],
    ],
    zh: [['index.md', '32、64、128'], ['index.md', '73,728'], ['model.md', '73,856']],
  };

  for (const lang of LANGS) {
    it(`the ${lang} pages keep the tutorial's passages, its hand-written layer sections and training prose`, () => {
      for (const [page, passage] of PASSAGES[lang]) expect(visibleText(rendered.get(lang)!.get(page)!), `${lang}/${page}`).toContain(passage);
      const index = rendered.get(lang)!.get('index.md')!;
      expect(index).not.toContain('<h3 id="layer-');
      expect(index).toContain('data-gallery="max_pooling2d_2"');
      const training = rendered.get(lang)!.get('training.md')!;
      expect(training).toContain('data-chart="loss"');
      expect(training).toContain('data-timelapse');
      expect(training).not.toContain('model-source');
    });
  }
});

describe('the report for a model without an embedding layer', () => {
  let fake: FakeArtifacts;
  const rendered = new Map<Lang, Map<string, string>>();
  beforeAll(async () => {
    // Conv → … → Flatten → Dense(10): no hidden Dense, no global pooling, so no embedding map (the pipeline writes none).
    const layers = IMPORTED_DESCRIPTION.layers.filter((l) => l.name !== 'dense' && l.name !== 'dropout_1');
    fake = await sharedFakeArtifacts({ model: { ...IMPORTED_DESCRIPTION, layers, weighted: IMPORTED_DESCRIPTION.weighted.filter((n) => n !== 'dense'), embedding: null } });
    for (const lang of LANGS) rendered.set(lang, await renderPages(fake, lang));
  }, 120_000);
  afterAll(async () => {
    await fake.cleanup();
  });

  for (const lang of LANGS) {
    it(`renders every ${lang} page, the channels page saying why it has no map of the test set`, () => {
      const channels = visibleText(rendered.get(lang)!.get('channels.md')!);
      expect(channels).toMatch(lang === 'en' ? /no hidden Dense layer and no global pooling layer/ : /既没有隐藏的 Dense 层，也没有全局池化层/);
      expect(rendered.get(lang)!.get('channels.md')).not.toContain('embedding-map');
      expect(rendered.get(lang)!.size).toBe(PAGES.length);
    });
  }
});
