import { mkdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import type { BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PAGE_KINDS, pageUrl } from '../../site/lib/content/pages';
import { LANGS as SITE_LANGS, translator } from '../../site/lib/i18n';
import { SECURITY_HEADERS } from '../../site/lib/security/policy';
import { launchChromium } from './browser';
import { buildAsUser } from './buildAsUser';
import { headersForAllPaths } from './headersFile';
import { dictionaryTests } from './channelDictionary';
import { channelsTests } from './channels';
import { explorerTests } from './explorer';
import { keyboardTests } from './keyboard';
import { ownDataExplorerTests } from './explorerOwnData';
import { brokenInternalLinks } from './links';
import { axeViolations } from './pageTools';
import type { serveStatic } from './staticServer';
import { auditPages, sitePagePaths } from './strictPolicy';
import { readerModeTests } from './readerModes';
import { timelapseTests } from './timelapse';
import { scrollThrough as loadAllImages, visit as visitWith, type Visit } from './visit';

const BASE = '/cnn-report/';
const LANGS = [
  { code: 'en', lang: /^en/ },
  { code: 'zh', lang: /^zh/ },
] as const;
const PAGES = ['', 'explore/', 'model/', 'training/', 'errors/', 'explanations/', 'channels/', 'about/'];
export const SCREENSHOT_DIR = path.resolve('test-output/screenshots');

let work: string;
let site: Awaited<ReturnType<typeof serveStatic>>;
let browser: BrowserContext;

/** Builds the report exactly as a user would, with the quick preset, into a temporary folder. */
beforeAll(async () => {
  ({ work, site } = await buildAsUser('e2e-', BASE));
  browser = await launchChromium();
}, 900_000);

afterAll(async () => {
  await browser?.close();
  await site?.close();
});

/** Opens a page in the test's browser; every visit records CSP violations, console errors and other-origin requests. */
const visit = (url: string): Promise<Visit> => visitWith(browser, url);

describe('the built report in a browser', () => {
  for (const { code, lang } of LANGS) {
    for (const p of PAGES) {
      it(`renders /${code}/${p} with its language, every image, every chart, no errors and no serious axe violations`, async () => {
        const { page, problems } = await visit(`${site.url}${code}/${p}`);
        expect(await page.getAttribute('html', 'lang')).toMatch(lang);
        await loadAllImages(page);
        // Images inside a closed channel entry or a hidden tab are not visible, so lazy loading never fetches
        // them; the channel dictionary's tests (./channels.ts) open every entry and check those.
        // Polled: on a loaded machine a lazy grid can still be decoding when the scroll-through gives up waiting.
        const unloaded = () => page.$$eval('img', (imgs) => imgs.filter((i) => i.checkVisibility() && i.naturalWidth === 0).map((i) => ({ src: i.currentSrc || i.src, w: i.naturalWidth })));
        await expect.poll(unloaded, { timeout: 20_000 }).toEqual([]);
        await page.waitForFunction(() => [...document.querySelectorAll('[data-chart]')].every((c) => c.querySelector('svg, canvas')), null, { timeout: 20_000 });
        expect(await axeViolations(page)).toEqual([]);
        expect(problems).toEqual([]);
        await page.close();
      }, 90_000);
    }
  }

  it('holds every page of the site, in both languages, to the strict CSP: no violation, no console error, nothing from another origin, every chart redrawn by script', async () => {
    const dist = path.join(work, 'dist');
    expect(await headersForAllPaths(path.join(dist, '_headers'))).toEqual(SECURITY_HEADERS);
    // Every page in dist is audited; the site's own page list must be among them, so none can slip out.
    const paths = await sitePagePaths(dist, BASE);
    const listed = SITE_LANGS.flatMap((lang) => PAGE_KINDS.map((kind) => pageUrl(BASE, lang, kind)));
    expect(paths).toEqual(expect.arrayContaining([BASE, ...listed]));
    const report = await auditPages(browser, new URL(site.url).origin, paths);
    console.log(`strict CSP: ${paths.length} pages audited, ${report.length} problems`);
    expect(report).toEqual([]);
  }, 300_000);

  it('shows every chart and all eight layer galleries where the article promises them', async () => {
    const expected: Record<string, string[]> = {
      '': ['loss', 'accuracy', 'top3', 'mean-activation'],
      'training/': ['loss', 'accuracy'],
      'errors/': ['confusion', 'per-class'],
    };
    for (const { code } of LANGS) {
      for (const [p, charts] of Object.entries(expected)) {
        const { page } = await visit(`${site.url}${code}/${p}`);
        const found = await page.$$eval('[data-chart]', (els) => els.map((e) => e.getAttribute('data-chart')));
        expect(found, `${code}/${p}`).toEqual(expect.arrayContaining(charts));
        // Each chart's SVG is in the HTML itself, so it reads with JavaScript off.
        const html = await (await fetch(`${site.url}${code}/${p}`)).text();
        expect(html.match(/<figure class="chart"[^>]*>[\s\S]*?<svg/g)?.length ?? 0, `${code}/${p} SVG fallbacks`).toBeGreaterThanOrEqual(charts.length);
        if (p === '') expect(await page.locator('figure[data-gallery]').count()).toBe(8);
        await page.close();
      }
    }
  }, 60_000);

  it('keeps chart tooltips and the actions menu working under the policy, in both languages', async () => {
    await mkdir(SCREENSHOT_DIR, { recursive: true });
    for (const { code } of LANGS) {
      const t = translator(code);
      const { page, problems } = await visit(`${site.url}${code}/errors/`);
      const figure = page.locator('figure[data-chart="confusion"]');
      await figure.scrollIntoViewIfNeeded();
      await expect.poll(() => figure.getAttribute('data-enhanced')).toBe('true');
      await figure.locator('.chart-wrapper svg .mark-rect path').first().hover({ position: { x: 3, y: 3 } });
      const tooltip = page.locator('#vg-tooltip-element.visible');
      await expect.poll(() => tooltip.count()).toBe(1);
      expect(await tooltip.textContent()).toContain(t('chart.trueLabel'));
      // Styled by our stylesheet (vega-tooltip's own <style> is off): fixed, so it follows the pointer.
      expect(await tooltip.evaluate((el) => getComputedStyle(el).position)).toBe('fixed');
      await page.mouse.move(0, 0);
      const menu = figure.locator('summary');
      expect(await menu.getAttribute('aria-label')).toBe(t('chart.actions'));
      await menu.click();
      const links = figure.locator('.vega-actions a');
      await expect.poll(() => links.first().isVisible()).toBe(true);
      expect(await links.allTextContents()).toEqual([t('chart.saveSvg'), t('chart.savePng')]);
      await page.screenshot({ path: path.join(SCREENSHOT_DIR, `chart-actions-${code}.png`), clip: (await figure.boundingBox()) ?? undefined });
      // vega-embed fills in the download link on mousedown: an SVG file made in the page, not fetched.
      await links.first().dispatchEvent('mousedown');
      await expect.poll(() => links.first().getAttribute('href')).toMatch(/^(blob|data):/);
      expect(problems).toEqual([]);
      await page.close();
    }
  }, 60_000);

  it('switches the digit: every gallery shows the chosen sample', async () => {
    const { page, problems } = await visit(`${site.url}en/`);
    const gallery = page.locator('figure[data-gallery] .gallery-grid img').first();
    const before = await gallery.getAttribute('src');
    const sample = await page.locator('[data-sample-picker] button[data-sample][aria-pressed="false"]').first().getAttribute('data-sample');
    const other = page.locator(`[data-sample-picker] button[data-sample="${sample}"]`);
    await other.click();
    await expect.poll(() => gallery.getAttribute('src')).not.toBe(before);
    expect(await gallery.getAttribute('src')).toContain(String(sample).padStart(5, '0'));
    expect(await other.getAttribute('aria-pressed')).toBe('true');
    expect(problems).toEqual([]);
    await page.close();
  });

  it('opens a zoom with the value range when a channel tile is clicked', async () => {
    const { page, problems } = await visit(`${site.url}en/`);
    await page.locator('figure[data-gallery] .gallery-grid button.tile').nth(3).click();
    const dialog = page.locator('dialog.zoom[open]');
    await expect.poll(() => dialog.count()).toBe(1);
    await expect.poll(() => dialog.locator('dd').count()).toBe(3);
    expect(await dialog.locator('h2').textContent()).toContain('3');
    expect(problems).toEqual([]);
    await page.close();
  });

  it('switches the attribution maps with the sample picker, the gallery chooser and the misclassified chooser', async () => {
    for (const { code } of LANGS) {
      const { page, problems } = await visit(`${site.url}${code}/explanations/`);
      const first = page.locator('figure[data-attribution] .attribution-maps img').first();
      const before = await first.getAttribute('src');
      const sample = await page.locator('[data-sample-picker] button[data-sample][aria-pressed="false"]').first().getAttribute('data-sample');
      await page.locator(`[data-sample-picker] button[data-sample="${sample}"]`).click();
      await expect.poll(() => first.getAttribute('src')).toContain(`t${String(sample).padStart(5, '0')}/`);
      expect(await first.getAttribute('src')).not.toBe(before);
      const gallery = page.locator('figure[data-attribution]:has(select)').first();
      const option = await gallery.locator('select option').nth(1).getAttribute('value');
      await gallery.locator('select').selectOption(String(option));
      await expect.poll(() => gallery.locator('.attribution-maps img').first().getAttribute('src')).toContain(`t${String(option).padStart(5, '0')}/`);
      await loadAllImages(page);
      expect(await page.$$eval('figure[data-attribution] img', (imgs) => (imgs as HTMLImageElement[]).filter((i) => i.naturalWidth === 0).map((i) => i.src))).toEqual([]);
      expect(problems).toEqual([]);
      await page.close();

      const errors = await visit(`${site.url}${code}/errors/`);
      const chooser = errors.page.locator('figure[data-attribution] select');
      await chooser.selectOption({ index: 1 });
      const value = await chooser.inputValue();
      // A misclassified image: maps for the predicted and for the true class.
      await expect.poll(() => errors.page.locator('figure[data-attribution] [data-target]').count()).toBe(2);
      const srcs = await errors.page.$$eval('figure[data-attribution] .attribution-maps img', (imgs) => imgs.map((i) => i.getAttribute('src')));
      expect(srcs).toHaveLength(12);
      for (const src of srcs) expect(src).toContain(`t${value.padStart(5, '0')}/`);
      expect(errors.problems).toEqual([]);
      await errors.page.close();
    }
  }, 60_000);

  it('enlarges an attribution map with its range, and its completeness error for Integrated Gradients', async () => {
    const { page, problems } = await visit(`${site.url}en/explanations/`);
    await page.locator('figure[data-attribution] button.map-zoom').nth(2).click();
    const dialog = page.locator('dialog.zoom[open]');
    await expect.poll(() => dialog.count()).toBe(1);
    expect(await dialog.locator('dd').count()).toBe(3);
    expect(await dialog.locator('h2').textContent()).toContain('Integrated Gradients');
    expect(await dialog.locator('.zoom-state').textContent()).toMatch(/completeness error \d/);
    expect(problems).toEqual([]);
    await page.close();
  });

  it('publishes only Integrated Gradients maps that meet completeness within 5%', async () => {
    const explain = JSON.parse(await readFile(path.join(work, 'artifacts', 'explain', 'explain.json'), 'utf8'));
    console.log(`IG completeness error (quick preset): max ${(explain.completeness.max * 100).toFixed(2)}%, median ${(explain.completeness.median * 100).toFixed(2)}% over ${explain.completeness.maps} maps`);
    expect(explain.completeness.maps).toBeGreaterThan(30);
    expect(explain.completeness.max).toBeLessThan(0.05);
  });

  it('lands on the counterpart page when switching language', async () => {
    for (const [from, to] of [['en/training/', 'zh/training/'], ['zh/', 'en/'], ['zh/errors/', 'en/errors/'], ['en/explanations/', 'zh/explanations/']]) {
      const { page } = await visit(`${site.url}${from}`);
      await Promise.all([page.waitForURL(`${site.url}${to}`), page.locator('[data-lang-switch]').first().click()]);
      expect(page.url()).toBe(`${site.url}${to}`);
      await page.close();
    }
  });

  it('offers both languages on the root page', async () => {
    const { page } = await visit(site.url);
    const links = await page.$$eval('a[href]', (as) => as.map((a) => (a as HTMLAnchorElement).href));
    expect(links).toEqual(expect.arrayContaining([`${site.url}en/`, `${site.url}zh/`]));
    await page.close();
  });

  it('has no broken internal link anywhere in dist', async () => {
    expect(await brokenInternalLinks(path.join(work, 'dist'), BASE)).toEqual([]);
  });

  it('keeps the article, errors and explanations pages, fully loaded with charts and maps, under 1.5 MB', async () => {
    for (const { code } of LANGS) {
      for (const p of ['', 'errors/', 'explanations/']) {
        const { page, bytes } = await visit(`${site.url}${code}/${p}`);
        await loadAllImages(page);
        if (await page.locator('[data-chart]').count()) {
          await page.waitForFunction(() => document.querySelectorAll('[data-chart][data-enhanced="true"]').length > 0, null, { timeout: 20_000 });
        }
        await page.waitForLoadState('networkidle');
        console.log(`page weight /${code}/${p}: ${(bytes() / 1e6).toFixed(2)} MB`);
        expect(bytes()).toBeGreaterThan(100_000);
        expect(bytes()).toBeLessThan(1.5e6);
        await page.close();
      }
    }
  }, 120_000);

  it('writes screenshots of the article in both languages', async () => {
    await mkdir(SCREENSHOT_DIR, { recursive: true });
    for (const { code } of LANGS) {
      const { page } = await visit(`${site.url}${code}/`);
      await loadAllImages(page);
      const file = path.join(SCREENSHOT_DIR, `article-${code}.png`);
      await page.screenshot({ path: file, fullPage: true });
      expect((await readFile(file)).length).toBeGreaterThan(10_000);
      await page.close();
    }
  }, 60_000);

  explorerTests(() => ({ site, browser, artifactsDir: path.join(work, 'artifacts') }));
  // MNIST: digit names, MNIST's pad rule, and your own picture (greyscale: turned to luma) as for any data.
  ownDataExplorerTests(() => ({ site, browser, artifactsDir: path.join(work, 'artifacts') }), { names: { en: Array.from({ length: 10 }, (_, d) => String(d)), zh: Array.from({ length: 10 }, (_, d) => String(d)) }, pad: 'mnist' });
  channelsTests(() => ({ site, browser, artifactsDir: path.join(work, 'artifacts') }));
  timelapseTests(() => ({ site, browser }));
  dictionaryTests(() => ({ site, browser }));
  keyboardTests(() => ({ site, browser }));
  readerModeTests(() => ({ site, browser }));
});
