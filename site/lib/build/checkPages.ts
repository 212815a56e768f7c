import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { fileNameOf, PAGE_KINDS, pageOfFileName, pageUrl } from '../content/pages';
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
      const page = pageOfFileName(file);
      pages += 1;
      if (!page) missing.push(`${path.join(contentDir, lang, file)} → none: pages are named ${PAGE_KINDS.map((p) => `${fileNameOf(p)}.md`).join(', ')}`);
      else {
        const html = path.join(outDir, pageUrl('/', lang, page), 'index.html');
        if (!existsSync(html)) missing.push(`${path.join(contentDir, lang, file)} → ${html}`);
      }
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
