import { readFileSync, existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { it } from 'vitest';
import { blankFrontmatter } from '../../site/lib/content/renderCheck';
import { renderMarkdown } from './helpers';
import { writeFakeArtifacts } from './fakeArtifacts';
it('renders', async () => {
  const [lang, page, model] = (process.env.PAGE ?? 'en/index/imported').split('/');
  const dir = `/tmp/cw/fake-${model}`;
  if (!existsSync(`${dir}/manifest.json`)) { mkdirSync(dir, { recursive: true }); await writeFakeArtifacts(dir, model === 'imported' ? { model: 'imported' } : {}); }
  const file = `${process.cwd()}/content/${lang}/${page}.md`;
  const html = await renderMarkdown(blankFrontmatter(readFileSync(file, 'utf8')), { artifactsDir: dir, path: file });
  writeFileSync(`/tmp/cw/out.html`, html.replace(/<script[\s\S]*?<\/script>/g, '').replace(/<(?!h\d|\/h\d)[^>]+>/g, ''));
}, 60000);
