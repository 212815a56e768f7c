// Reads the real content/ folder: both languages must have the same pages and frontmatter keys,
// every page must pass the schema, and every directive must render against contract-shaped artifacts.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { blankFrontmatter } from '../../site/lib/content/renderCheck';
import { pageFrontmatterSchema, parseEntryPath } from '../../site/lib/content/pages';
import { LANGS } from '../../site/lib/i18n';
import { renderMarkdown } from './helpers';
import { sharedFakeArtifacts, type FakeArtifacts } from './sharedFakeArtifacts';

const CONTENT = path.resolve(__dirname, '../../content');
const filesOf = (lang: string) => (existsSync(path.join(CONTENT, lang)) ? readdirSync(path.join(CONTENT, lang)).filter((f) => f.endsWith('.md')).sort() : []);

/** Frontmatter keys and values; a small YAML subset (key: value per line) is all the content uses. */
function frontmatter(file: string): Record<string, unknown> {
  const block = /^---\r?\n([\s\S]*?)\r?\n---/.exec(readFileSync(file, 'utf8'))?.[1];
  if (block === undefined) throw new Error(`${file}: no frontmatter`);
  const data: Record<string, unknown> = {};
  for (const line of block.split(/\r?\n/)) {
    const m = /^([\w-]+):\s*(.*)$/.exec(line);
    if (!m) continue;
    const raw = (m[2] as string).trim();
    data[m[1] as string] = /^-?\d+(\.\d+)?$/.test(raw) ? Number(raw) : raw.replace(/^(["'])(.*)\1$/, '$2');
  }
  return data;
}

describe('content pages', () => {
  it('exist in both languages at mirrored paths', () => {
    expect(filesOf('en').length).toBeGreaterThan(0);
    expect(filesOf('zh')).toEqual(filesOf('en'));
  });

  it('have all eight pages', () => {
    expect(filesOf('en')).toEqual(['about.md', 'channels.md', 'errors.md', 'explanations.md', 'explore.md', 'index.md', 'model.md', 'training.md']);
  });

  for (const name of filesOf('en')) {
    it(`${name} has the same frontmatter keys, page and order in both languages`, () => {
      const [en, zh] = LANGS.map((lang) => frontmatter(path.join(CONTENT, lang, name)));
      expect(Object.keys(zh ?? {}).sort()).toEqual(Object.keys(en ?? {}).sort());
      expect(zh?.page).toBe(en?.page);
      expect(zh?.order).toBe(en?.order);
    });
  }

  for (const lang of LANGS) {
    for (const name of filesOf(lang)) {
      it(`content/${lang}/${name} passes the schema and matches its file name`, () => {
        const data = pageFrontmatterSchema.parse(frontmatter(path.join(CONTENT, lang, name)));
        expect(parseEntryPath(`content/${lang}/${name}`, data.page)).toEqual({ lang, page: data.page });
      });
    }
  }
});

describe('content directives', () => {
  let fake: FakeArtifacts;
  beforeAll(async () => {
    fake = await sharedFakeArtifacts();
  });
  afterAll(() => fake.cleanup());

  for (const lang of LANGS) {
    for (const name of filesOf(lang)) {
      it(`content/${lang}/${name} uses only valid directives`, async () => {
        const file = path.join(CONTENT, lang, name);
        const html = await renderMarkdown(blankFrontmatter(readFileSync(file, 'utf8')), { artifactsDir: fake.dir, path: file });
        expect(html).not.toMatch(/(^|\s)::?[a-z][\w-]*\{/m);
      });
    }
  }
});
