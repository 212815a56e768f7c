import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { htmlFiles } from '../../site/lib/build/publish';
import { resolveStatic } from './staticServer';

/**
 * Every internal href/src in the built HTML that does not resolve to a file in `dist`
 * (served at `base`), as "page → link" strings.
 */
export async function brokenInternalLinks(dist: string, base: string): Promise<string[]> {
  const broken: string[] = [];
  for (const file of await htmlFiles(dist)) {
    const html = await readFile(file, 'utf8');
    const pageUrl = `http://x${base}${path.relative(dist, file).split(path.sep).join('/')}`;
    for (const m of html.matchAll(/\s(?:href|src)="([^"]+)"/g)) {
      const link = m[1].replace(/&amp;/g, '&');
      if (/^(?:[a-z]+:|\/\/|#)/i.test(link) && !link.startsWith('http://x')) continue;
      const target = new URL(link, pageUrl);
      if (target.host !== 'x') continue;
      if (!resolveStatic(dist, base, target.pathname)) broken.push(`${path.relative(dist, file)} → ${link}`);
    }
  }
  return broken;
}
