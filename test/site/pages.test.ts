import { describe, expect, it } from 'vitest';
import { pageOfFileName, pageUrl, parseEntryPath } from '../../site/lib/content/pages';
import { hasLiveExplorer, pageModel } from '../../site/lib/content/site';

const pages = [
  { page: 'about' as const, order: 5 },
  { page: 'article' as const, order: 1 },
  { page: 'model' as const, order: 2 },
  { page: 'errors' as const, order: 4 },
  { page: 'training' as const, order: 3 },
];

describe('page routing', () => {
  it('tells the page of a content file name: index.md is the article, <page>.md the others, anything else none', () => {
    expect(pageOfFileName('index.md')).toBe('article');
    expect(pageOfFileName('channels.md')).toBe('channels');
    expect(pageOfFileName('article.md')).toBeUndefined();
    expect(pageOfFileName('model.mdx')).toBeUndefined();
  });

  it('puts the article at /{lang}/ and other pages below it, under the base', () => {
    expect(pageUrl('/', 'en', 'article')).toBe('/en/');
    expect(pageUrl('/cnn/', 'zh', 'errors')).toBe('/cnn/zh/errors/');
  });

  it('reads the language from the path and checks the file name against the page', () => {
    expect(parseEntryPath('content/zh/index.md', 'article')).toEqual({ lang: 'zh', page: 'article' });
    expect(() => parseEntryPath('content/en/model.md', 'training')).toThrow('must be content/en/training.md');
    expect(() => parseEntryPath('content/fr/model.md', 'model')).toThrow('content/en/ or content/zh/');
  });

  it('orders the nav by frontmatter order and marks the current page', () => {
    const model = pageModel('/cnn/', 'zh', 'model', { title: 'T', description: 'D' }, pages, 'digit');
    expect(model.nav.map((n) => n.label)).toEqual(['文章', '模型', '训练', '错误分析', '关于']);
    expect(model.nav.find((n) => n.current)?.href).toBe('/cnn/zh/model/');
  });

  it('switches language to the same page and lists hreflang alternates', () => {
    const model = pageModel('/', 'zh', 'training', { title: 'T', description: 'D' }, pages, 'digit');
    expect(model.htmlLang).toBe('zh-CN');
    expect(model.switchTo).toEqual({ lang: 'en', hreflang: 'en', href: '/en/training/' });
    expect(model.alternates.map((a) => `${a.hreflang} ${a.href}`)).toEqual(['en /en/training/', 'zh-CN /zh/training/']);
  });
});

describe('hasLiveExplorer', () => {
  it('is true for an explorer on the page and false for one waiting in a template', () => {
    expect(hasLiveExplorer('<p>x</p><section class="explorer" data-explorer></section>')).toBe(true);
    expect(hasLiveExplorer('<p>x</p><template data-draw-own-template><section data-explorer></section></template>')).toBe(false);
    expect(hasLiveExplorer('<p>no explorer</p>')).toBe(false);
  });
});
