import path from 'node:path';
import type { BrowserContext } from 'playwright-core';
import { CONTENT_SECURITY_POLICY, META_CONTENT_SECURITY_POLICY } from '../../site/lib/security/policy';
import { htmlFiles } from '../../site/lib/build/publish';
import { scrollThrough, visit } from './visit';

/** The URL path of every page in the built site (each .html file), so a page added later is held to the same checks. */
export async function sitePagePaths(dist: string, base: string): Promise<string[]> {
  const files = await htmlFiles(dist);
  return files.map((file) => `${base}${path.relative(dist, file).split(path.sep).join('/')}`.replace(/index\.html$/, '')).sort();
}

/**
 * Opens one page as a reader would meet it under the strict policy, scrolls through it so every lazy chart
 * and image loads, and returns what went wrong: a missing policy (header or meta), CSP violations, console
 * errors, requests to another origin, failed requests, images that did not load, and charts that scripts did not redraw.
 */
export async function auditPage(browser: BrowserContext, url: string, chartTimeout = 20_000): Promise<string[]> {
  const { page, problems, headers } = await visit(browser, url);
  try {
    if (headers['content-security-policy'] !== CONTENT_SECURITY_POLICY) {
      problems.push(`served without the strict policy header (got ${headers['content-security-policy'] ?? 'none'})`);
    }
    const meta = await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content', { timeout: 1000 }).catch(() => null);
    if (meta !== META_CONTENT_SECURITY_POLICY) problems.push(`the page's CSP meta tag is ${meta === null ? 'missing' : `"${meta}"`}`);
    await scrollThrough(page);
    // Lazy images the reader cannot see yet (a closed channel entry, a hidden tab) are never fetched; ./channels.ts opens those.
    const unloaded = await page.$$eval('img', (imgs) => imgs.filter((i) => i.checkVisibility() && i.naturalWidth === 0).map((i) => i.currentSrc || i.src));
    if (unloaded.length > 0) problems.push(`images not loaded: ${unloaded.join(', ')}`);
    const drawn = () => [...document.querySelectorAll<HTMLElement>('figure[data-chart]')].every((f) => f.dataset.enhanced === 'true' && f.querySelector('.chart-view svg'));
    await page.waitForFunction(drawn, null, { timeout: chartTimeout }).catch(async () => {
      const stuck = await page.$$eval('figure[data-chart]:not([data-enhanced="true"])', (fs) => fs.map((f) => f.getAttribute('data-chart')));
      problems.push(`charts not drawn by script: ${stuck.join(', ')}`);
    });
    await page.waitForLoadState('networkidle');
    return [...problems];
  } finally {
    await page.close();
  }
}

/** Audits every page in `paths` (served under `origin`) in turn; returns "path: problem" lines. */
export async function auditPages(browser: BrowserContext, origin: string, paths: string[], chartTimeout?: number): Promise<string[]> {
  const report: string[] = [];
  for (const pagePath of paths) {
    for (const problem of await auditPage(browser, `${origin}${pagePath}`, chartTimeout)) report.push(`${pagePath}: ${problem}`);
  }
  return report;
}
