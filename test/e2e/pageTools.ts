// Checking pages in the test browser: shared by the site and explorer tests. Opening a page is
// `visit` (./visit.ts), which also records CSP violations and requests to other origins.
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';

export { scrollThrough as loadAllImages, visit as openPage, type Visit } from './visit';

/** Serious and critical axe violations on the page, as `id (impact, N nodes)`. */
export async function axeViolations(page: Page): Promise<string[]> {
  const axePath = createRequire(import.meta.url).resolve('axe-core/axe.min.js');
  // Evaluated by the test harness, not added as an inline <script>, which the page's policy would refuse.
  await page.evaluate(await readFile(axePath, 'utf8'));
  const violations = await page.evaluate(async () => {
    const result = await (window as unknown as { axe: { run: (ctx: Document, opts: object) => Promise<{ violations: { id: string; impact: string; nodes: unknown[] }[] }> } }).axe.run(document, { resultTypes: ['violations'] });
    return result.violations.map((v) => ({ id: v.id, impact: v.impact, count: v.nodes.length }));
  });
  return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id} (${v.impact}, ${v.count} nodes)`);
}
