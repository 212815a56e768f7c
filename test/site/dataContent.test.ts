// Issue #21: the report's prose is true of whatever data the manifest describes. Every page, in both
// languages, is rendered for Fashion-MNIST (with the tutorial's network) and for a colour image folder with
// English-only class names (with a model read from a file), so both network branches of the prose meet other data.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TUTORIAL_DESCRIPTION } from '../model/tutorialDescription';
import { frontmatterFor, pageFrontmatterSchema } from '../../site/lib/content/pages';
import { blankFrontmatter } from '../../site/lib/content/renderCheck';
import { LANGS, type Lang } from '../../site/lib/i18n';
import type { FakeArtifactsOptions } from './fakeArtifacts';
import { renderMarkdown } from './helpers';
import { sharedFakeArtifacts, type FakeArtifacts } from './sharedFakeArtifacts';

const CONTENT = path.resolve(__dirname, '../../content');
const PAGES = readdirSync(path.join(CONTENT, 'en')).filter((f) => f.endsWith('.md')).sort();

/**
 * The widgets of the leaf directives (galleries, the explorer, charts…) word their captions with UI strings
 * that other parts of issue #21 make true of any data (site/i18n with {noun}, the explorer); the prose check
 * leaves them out, so that it holds the prose to account: every leaf directive but ::data-description is cut
 * from the markdown before rendering. Text directives (:metric, :model, :data) stay, being part of sentences.
 */
const WIDGET = /^::(?!data-description\b)[a-z-]+(\{[^}]*\})?\s*$/gm;
const proseOnly = (markdown: string) => markdown.replace(WIDGET, '');

async function renderPages(fake: FakeArtifacts, lang: Lang, edit: (markdown: string) => string = (m) => m): Promise<Map<string, string>> {
  const pages = new Map<string, string>();
  for (const name of PAGES) {
    const file = path.join(CONTENT, lang, name);
    pages.set(name, await renderMarkdown(edit(blankFrontmatter(readFileSync(file, 'utf8'))), { artifactsDir: fake.dir, path: file }));
  }
  return pages;
}

/** The page as a reader sees it: tags and the JSON data scripts left out. */
const visibleText = (html: string) => html.replace(/<script[\s\S]*?<\/script>/g, '').replace(/<[^>]+>/g, '');

/** The word for one digit, which no page may use for other data. */
const DIGIT: Record<Lang, RegExp> = { en: /\bdigits?\b/i, zh: /数字/ };

/** Passages only true of MNIST, in either language. */
const MNIST_ONLY = ['digits 0 to 9', 'handwritten', '手写', 'a 3.', '一个 3', '20×20', 'centre of mass', '质心', 'strokes and edges', '笔画与边缘'];

const CASES: { name: string; options: FakeArtifactsOptions; classes: Record<Lang, string> }[] = [
  { name: 'Fashion-MNIST with the tutorial\'s network', options: { data: 'fashion' }, classes: { en: 'Ankle boot', zh: '短靴' } },
  { name: 'a colour image folder with a model read from a file', options: { data: 'colour-folder', model: 'imported' }, classes: { en: 'jar', zh: 'jar' } },
];

for (const { name: caseName, options, classes } of CASES) {
  describe(`the report for ${caseName}`, () => {
    let fake: FakeArtifacts;
    const rendered = new Map<Lang, Map<string, string>>();
    const prose = new Map<Lang, Map<string, string>>();
    beforeAll(async () => {
      fake = await sharedFakeArtifacts(options);
      for (const lang of LANGS) {
        rendered.set(lang, await renderPages(fake, lang));
        prose.set(lang, await renderPages(fake, lang, proseOnly));
      }
    }, 120_000);
    afterAll(() => fake.cleanup());

    for (const lang of LANGS) {
      for (const page of PAGES) {
        it(`content/${lang}/${page} calls nothing a digit and keeps MNIST's own facts out`, () => {
          const lines = visibleText(prose.get(lang)!.get(page)!).split('\n');
          expect(lines.filter((line) => DIGIT[lang].test(line)), `${lang}/${page}`).toEqual([]);
          expect(lines.filter((line) => MNIST_ONLY.some((fact) => line.includes(fact))), `${lang}/${page}`).toEqual([]);
        });
      }

      it(`the ${lang} article describes the data with its class names and example strips`, () => {
        const html = rendered.get(lang)!.get('index.md')!;
        expect(html).toContain('data-data-description');
        expect(visibleText(html)).toContain(classes[lang]);
        expect(html.match(/class="class-example"/g)).toHaveLength(10);
      });
    }
  });
}

describe('the colour image folder\'s pages', () => {
  let fake: FakeArtifacts;
  beforeAll(async () => {
    fake = await sharedFakeArtifacts({ data: 'colour-folder', model: 'imported' });
  }, 120_000);
  afterAll(() => fake.cleanup());
  const render = (lang: Lang, page: string) => {
    const file = path.join(CONTENT, lang, page);
    return renderMarkdown(blankFrontmatter(readFileSync(file, 'utf8')), { artifactsDir: fake.dir, path: file });
  };

  it('say on the Chinese article that no Chinese class names were given', async () => {
    expect(visibleText(await render('zh', 'index.md'))).toContain('数据没有提供中文类别名');
    expect(visibleText(await render('en', 'index.md'))).not.toContain('No Chinese class names');
  });

  it('state the fit rule and where the class names came from on the about page, in both languages', async () => {
    const en = visibleText(await render('en', 'about.md'));
    expect(en).toContain('the largest centred rectangle with the input’s aspect ratio is cut out');
    expect(en).toContain('The class names are the names of the class folders.');
    const zh = visibleText(await render('zh', 'about.md'));
    expect(zh).toContain('裁出居中、与输入宽高比相同的最大矩形');
    expect(zh).toContain('类别名称就是各个类别文件夹的名字');
  });
});

describe('the titles and descriptions for other data', () => {
  const frontmatter = (lang: Lang, page: string) => {
    const block = /^---\n([\s\S]*?)\n---/.exec(readFileSync(path.join(CONTENT, lang, page), 'utf8'))![1]!;
    const data = Object.fromEntries(block.split('\n').map((line) => /^([\w-]+):\s*(.*)$/.exec(line)!).map((m) => [m[1], /^\d+$/.test(m[2]!) ? Number(m[2]) : m[2]!.replace(/^"(.*)"$/, '$1')]));
    return pageFrontmatterSchema.parse(data);
  };

  for (const lang of LANGS) {
    it(`call nothing a digit in ${lang}, for every model, and keep MNIST's own for MNIST`, () => {
      for (const page of PAGES) {
        for (const kind of ['tutorial', 'architecture', 'imported'] as const) {
          const shown = Object.values(frontmatterFor(frontmatter(lang, page), { ...TUTORIAL_DESCRIPTION, source: { kind } }, { known: 'fashion-mnist' })).join(' ');
          expect(shown, `${lang}/${page} (${kind})`).not.toMatch(DIGIT[lang]);
          expect(shown, `${lang}/${page} (${kind})`).not.toMatch(/handwritten|手写/);
        }
      }
      expect(frontmatterFor(frontmatter(lang, 'index.md'), TUTORIAL_DESCRIPTION, { known: 'mnist' }).description).toMatch(/MNIST/);
    });
  }
});

describe('the report for MNIST', () => {
  let fake: FakeArtifacts;
  const rendered = new Map<Lang, Map<string, string>>();
  beforeAll(async () => {
    fake = await sharedFakeArtifacts();
    for (const lang of LANGS) rendered.set(lang, await renderPages(fake, lang));
  }, 120_000);
  afterAll(() => fake.cleanup());

  const PASSAGES: Record<Lang, [string, string][]> = {
    en: [
      ['index.md', 'It trains a small convolutional network on handwritten digits'], ['index.md', '28×28 greyscale images of the digits 0 to 9, with 60,000 training and 10,000 test images'],
      ['index.md', 'we start with test image 51, a 3.'], ['index.md', 'the point where two arcs meet'], ['index.md', 'for a 6, the loss only looks'],
      ['errors.md', 'On MNIST, pairs with similar strokes'], ['explore.md', 'the ink\'s bounding box is scaled to fit 20×20 pixels'],
      ['explanations.md', 'a missing stroke is what separates a 3 from an 8'], ['channels.md', 'never to draw one'], ['about.md', 'The four MNIST files (IDX format)'],
      ['training.md', 'some strokes or edges of the 3'],
    ],
    zh: [
      ['index.md', '先在手写数字上训练一个小型卷积网络'], ['index.md', '完整数据集有 60,000 张训练图和 10,000 张测试图'], ['index.md', '它是一个 3。'],
      ['errors.md', '在 MNIST 上，笔画相近的几对数字'], ['explore.md', '使笔迹的质心位于图像中心'], ['explanations.md', '3 和 8 的区别恰恰就在于少了几笔'],
      ['about.md', '读取四个 IDX 格式的 MNIST 文件'], ['training.md', '只盯住 3 的某几笔'],
    ],
  };

  for (const lang of LANGS) {
    it(`the ${lang} pages keep MNIST's own passages and show no other data's`, () => {
      for (const [page, passage] of PASSAGES[lang]) expect(visibleText(rendered.get(lang)!.get(page)!), `${lang}/${page}`).toContain(passage);
      for (const page of PAGES) expect(rendered.get(lang)!.get(page)).not.toContain('data-data-description');
      expect(visibleText(rendered.get(lang)!.get('index.md')!)).toContain(lang === 'en' ? 'conv2d: strokes and edges' : 'conv2d：笔画与边缘');
    });
  }
});
