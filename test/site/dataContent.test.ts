// Issue #21: the report's prose is true of whatever data the manifest describes. Every page, in both
// languages, is rendered for Fashion-MNIST (with the tutorial's network) and for a colour image folder with
// English-only class names (with a model read from a file), so both network branches of the prose meet other data.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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
