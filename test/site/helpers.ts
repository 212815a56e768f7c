import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import rehypeRaw from 'rehype-raw';
import rehypeStringify from 'rehype-stringify';
import remarkDirective from 'remark-directive';
import remarkParse from 'remark-parse';
import remarkRehype from 'remark-rehype';
import { unified } from 'unified';
import { VFile } from 'vfile';
import { remarkArtifactDirectives } from '../../site/lib/directives/index';
import type { Lang } from '../../site/lib/i18n';
import { writeFakeArtifacts, type FakeArtifactsOptions } from './fakeArtifacts';

export type FakeArtifacts = { dir: string; cleanup: () => Promise<void> };

/** A fresh temp folder with fake artifacts; call the returned cleanup in afterAll. */
export async function makeFakeArtifacts(options?: FakeArtifactsOptions): Promise<FakeArtifacts> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'site-artifacts-'));
  await writeFakeArtifacts(dir, options);
  return { dir, cleanup: () => rm(dir, { recursive: true, force: true }) };
}

/** Markdown → HTML the way Astro does it (raw HTML from directives passes through). */
export async function renderMarkdown(markdown: string, options: { artifactsDir: string; lang?: Lang; base?: string; path?: string }): Promise<string> {
  const file = new VFile({ value: markdown, path: options.path });
  const result = await unified()
    .use(remarkParse)
    .use(remarkDirective)
    .use(remarkArtifactDirectives, { artifactsDir: options.artifactsDir, base: options.base ?? '/', lang: options.lang })
    .use(remarkRehype, { allowDangerousHtml: true })
    .use(rehypeRaw)
    .use(rehypeStringify)
    .process(file);
  return String(result);
}
