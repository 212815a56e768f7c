// Checks shared by the browser tests of reports on other data than MNIST (issue #21): every page of both
// languages loads with every image and no console error or CSP violation, says "digit"/"数字" nowhere
// (the data are not digits), and names the classes by their names.
import type { BrowserContext } from 'playwright-core';
import { expect, it } from 'vitest';
import type { serveStatic } from './staticServer';
import { scrollThrough as loadAllImages, visit } from './visit';

export const PAGES = ['', 'explore/', 'model/', 'training/', 'errors/', 'explanations/', 'channels/', 'about/'];

/** Words that call an item a digit, in each language. */
const DIGIT_WORDS: Record<'en' | 'zh', RegExp> = { en: /\bdigits?\b/i, zh: /数字/ };

export interface OwnDataSite {
  site: Awaited<ReturnType<typeof serveStatic>>;
  browser: BrowserContext;
}

/**
 * One test per page and language: no problems, no digit word in the visible text or in any alt text,
 * aria-label or title; and, over each language's pages together, every class name in `names[lang]` appears.
 */
export function ownDataPageTests(get: () => OwnDataSite, names: Record<'en' | 'zh', readonly string[]>): void {
  const seen: Record<'en' | 'zh', string> = { en: '', zh: '' };
  for (const code of ['en', 'zh'] as const) {
    for (const p of PAGES) {
      it(`renders /${code}/${p} with every image and no errors, and never calls an item a digit`, async () => {
        const { site, browser } = get();
        const { page, problems } = await visit(browser, `${site.url}${code}/${p}`);
        await loadAllImages(page);
        const text = await page.evaluate(() => {
          const labels = [...document.querySelectorAll('[alt],[aria-label],[title]')].map((e) => [e.getAttribute('alt'), e.getAttribute('aria-label'), e.getAttribute('title')].filter(Boolean).join(' '));
          return `${document.body.innerText}\n${labels.join('\n')}`;
        });
        const match = DIGIT_WORDS[code].exec(text);
        expect(match ? text.slice(Math.max(0, match.index - 80), match.index + 80) : null, 'a digit word in context').toBeNull();
        seen[code] += `\n${text}`;
        expect(problems).toEqual([]);
        await page.close();
      }, 120_000);
    }
    it(`names every class on the ${code} pages`, () => {
      for (const name of names[code]) expect(seen[code], name).toContain(name);
    });
  }
}
