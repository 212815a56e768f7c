import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { LANGS } from '../i18n';

/**
 * Fails the build when a content page has no HTML page in the output. Astro reports an empty or stale
 * content collection only as a warning and still "completes", which would publish a site without pages.
 */
export function checkPagesBuilt(outDir: string, contentDir: string): number {
  const missing: string[] = [];
  let pages = 0;
  for (const lang of LANGS) {
    const dir = path.join(contentDir, lang);
    if (!existsSync(dir)) continue;
    for (const file of readdirSync(dir).filter((f) => f.endsWith('.md')).sort()) {
      const name = file.replace(/\.md$/, '');
      const html = path.join(outDir, lang, ...(name === 'index' ? [] : [name]), 'index.html');
      pages += 1;
      if (!existsSync(html)) missing.push(`${path.join(contentDir, lang, file)} → ${html}`);
    }
  }
  if (missing.length > 0) {
    throw new Error(
      `the build wrote no page for ${missing.length} of ${pages} content file(s): ${missing.join('; ')}. ` +
        'Look for a content warning above (e.g. "The collection "pages" does not exist or is empty"), fix it and build again.',
    );
  }
  return pages;
}
