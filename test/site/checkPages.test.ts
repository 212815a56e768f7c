import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { checkPagesBuilt } from '../../site/lib/build/checkPages';

let dirs: string[] = [];
afterEach(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
  dirs = [];
});

/** A content folder and an output folder; `built` lists the output pages that exist, e.g. "en/model". */
function site(content: string[], built: string[]): { contentDir: string; outDir: string } {
  const root = mkdtempSync(path.join(os.tmpdir(), 'check-pages-'));
  dirs.push(root);
  const contentDir = path.join(root, 'content');
  const outDir = path.join(root, 'dist');
  for (const file of content) {
    mkdirSync(path.dirname(path.join(contentDir, file)), { recursive: true });
    writeFileSync(path.join(contentDir, file), '---\n---\n');
  }
  for (const page of built) {
    mkdirSync(path.join(outDir, page), { recursive: true });
    writeFileSync(path.join(outDir, page, 'index.html'), '<html></html>');
  }
  return { contentDir, outDir };
}

describe('checkPagesBuilt', () => {
  it('counts the pages when every content file in both languages has its HTML page (index.md at the language root)', () => {
    const { contentDir, outDir } = site(['en/index.md', 'en/model.md', 'zh/index.md', 'zh/model.md'], ['en', 'en/model', 'zh', 'zh/model']);
    expect(checkPagesBuilt(outDir, contentDir)).toBe(4);
  });

  it('fails naming each content file without a page, as when Astro finds the collection empty and still completes', () => {
    const { contentDir, outDir } = site(['en/index.md', 'en/model.md', 'zh/index.md', 'zh/model.md'], ['en', 'zh']);
    const error = (() => { try { checkPagesBuilt(outDir, contentDir); } catch (e) { return (e as Error).message; } return ''; })();
    expect(error).toContain('no page for 2 of 4 content file(s)');
    expect(error).toContain(`${path.join(contentDir, 'en', 'model.md')} → ${path.join(outDir, 'en', 'model', 'index.html')}`);
    expect(error).toContain(`${path.join(outDir, 'en', 'model', 'index.html')}; ${path.join(contentDir, 'zh', 'model.md')} → `);
    expect(error).not.toContain(path.join(contentDir, 'en', 'index.md'));
  });

  it('names the page file names when a content file is named like no page', () => {
    const { contentDir, outDir } = site(['en/index.md', 'en/modle.md'], ['en', 'en/modle']);
    expect(() => checkPagesBuilt(outDir, contentDir)).toThrow(
      `no page for 1 of 2 content file(s): ${path.join(contentDir, 'en', 'modle.md')} → none: pages are named index.md, explore.md, model.md, training.md, errors.md, explanations.md, channels.md, about.md.`,
    );
  });

  it('ignores files that are not markdown, and wants the page itself, not just its folder', () => {
    const ok = site(['en/index.md', 'en/notes.txt', 'zh/index.md'], ['en', 'zh']);
    expect(checkPagesBuilt(ok.outDir, ok.contentDir)).toBe(2);
    const folderOnly = site(['en/index.md', 'en/model.md'], ['en']);
    mkdirSync(path.join(folderOnly.outDir, 'en', 'model'), { recursive: true });
    expect(() => checkPagesBuilt(folderOnly.outDir, folderOnly.contentDir)).toThrow(
      `the build wrote no page for 1 of 2 content file(s): ${path.join(folderOnly.contentDir, 'en', 'model.md')} → ${path.join(folderOnly.outDir, 'en', 'model', 'index.html')}. `
        + 'Look for a content warning above (e.g. "The collection "pages" does not exist or is empty"), fix it and build again.',
    );
  });

  it('fails for an output with no pages at all', () => {
    const { contentDir, outDir } = site(['en/index.md', 'zh/index.md'], []);
    expect(() => checkPagesBuilt(outDir, contentDir)).toThrow(/no page for 2 of 2/);
  });
});
