// Browser tests of the channel dictionary (/en/channels/, /zh/channels/), registered inside
// site.test.ts so they share its quick build: layer tabs by mouse and keyboard, a channel's examples,
// every image of every entry, the links from the article's gallery tiles, and the page weight.
import type { BrowserContext, Page } from 'playwright-core';
import { expect, it } from 'vitest';
import { translator } from '../../site/lib/i18n';
import { axeViolations, loadAllImages, openPage } from './pageTools';

export interface DictionaryEnv {
  site: { url: string };
  browser: BrowserContext;
}

const LANGS = ['en', 'zh'] as const;
const selectedTab = (page: Page) => page.locator('[data-dictionary] [role="tab"][aria-selected="true"]').getAttribute('aria-controls');
const visiblePanels = (page: Page) => page.$$eval('.dictionary-panel', (ps) => ps.filter((p) => !(p as HTMLElement).hidden).map((p) => p.id));
const brokenImages = (page: Page, selector: string) =>
  page.$$eval(selector, (imgs) => (imgs as HTMLImageElement[]).filter((i) => !i.complete || i.naturalWidth === 0).map((i) => i.getAttribute('src')));

/** Fetches lazy images now rather than scrolling past several hundred entries. */
const loadNow = (page: Page, selector: string) =>
  page.$$eval(selector, (imgs) => Promise.all((imgs as HTMLImageElement[]).map((i) => ((i.loading = 'eager'), i.decode().catch(() => undefined)))));

export function dictionaryTests(env: () => DictionaryEnv): void {
  const open = (path: string) => openPage(env().browser, `${env().site.url}${path}`);

  it('channels: switches layer tabs by click and by arrow keys, one panel at a time, in both languages', async () => {
    for (const lang of LANGS) {
      const { page, problems } = await open(`${lang}/channels/`);
      const tabs = page.locator('[data-dictionary] [role="tab"]');
      expect(await tabs.count()).toBe(3);
      expect(await selectedTab(page)).toBe('dictionary-conv2d');
      expect(await visiblePanels(page)).toEqual(['dictionary-conv2d']);
      await tabs.nth(2).click();
      expect(await visiblePanels(page)).toEqual(['dictionary-conv2d_2']);
      await tabs.nth(2).focus();
      await page.keyboard.press('ArrowRight'); // wraps around to the first tab
      expect(await selectedTab(page)).toBe('dictionary-conv2d');
      await page.keyboard.press('ArrowRight');
      expect(await selectedTab(page)).toBe('dictionary-conv2d_1');
      expect(await page.evaluate(() => document.activeElement?.getAttribute('aria-controls'))).toBe('dictionary-conv2d_1');
      expect(await visiblePanels(page)).toEqual(['dictionary-conv2d_1']);
      await page.keyboard.press('End');
      expect(await selectedTab(page)).toBe('dictionary-conv2d_2');
      expect(await page.locator('#dictionary-conv2d_2').getAttribute('role')).toBe('tabpanel');
      expect(await axeViolations(page)).toEqual([]);
      expect(problems).toEqual([]);
      await page.close();
    }
  }, 60_000);

  it('channels: opening a channel shows its 9 examples with their values, its optimised image and, for conv2d, its kernel', async () => {
    const { page, problems } = await open('en/channels/');
    const entry = page.locator('#conv2d-3');
    await entry.locator('summary').click();
    expect(await entry.getAttribute('open')).not.toBeNull();
    await expect.poll(() => brokenImages(page, '#conv2d-3 img')).toEqual([]);
    const strip = entry.locator('.channel-examples img');
    expect(await strip.evaluate((i: HTMLImageElement) => [i.naturalWidth, i.naturalHeight])).toEqual([9 * 56 + 8 * 2, 56]);
    expect(await entry.locator('.channel-examples li').count()).toBe(9);
    expect(await entry.locator('.channel-kernel img').count()).toBe(1);
    expect(await entry.locator('.channel-optimised').textContent()).toMatch(/after \d+ steps/);
    // The tile's image is the optimised image, shown large once the entry is open.
    expect(await entry.locator('summary img').evaluate((i) => i.getBoundingClientRect().width)).toBeGreaterThan(100);
    expect(await axeViolations(page)).toEqual([]);
    expect(problems).toEqual([]);
    await page.close();
  }, 60_000);

  it('channels: every image of every layer and entry loads, in both languages (and what that costs)', async () => {
    for (const lang of LANGS) {
      const { page, problems, bytes } = await open(`${lang}/channels/`);
      const tabs = page.locator('[data-dictionary] [role="tab"]');
      let opened = 0;
      for (let k = 0; k < (await tabs.count()); k++) {
        await tabs.nth(k).click();
        opened += await page.$$eval('.dictionary-panel:not([hidden]) details.channel-entry', (ds) => ds.map((d) => ((d as HTMLDetailsElement).open = true)).length);
        await loadNow(page, '.dictionary-panel:not([hidden]) img');
        expect(await brokenImages(page, '.dictionary-panel:not([hidden]) img')).toEqual([]);
      }
      expect(opened).toBe(32 + 64 + 128);
      await loadNow(page, '.class-optimised img');
      expect(await brokenImages(page, '.class-optimised img')).toEqual([]);
      await page.waitForLoadState('networkidle');
      console.log(`page weight /${lang}/channels/ with every entry of every layer opened: ${(bytes() / 1e6).toFixed(2)} MB`);
      expect(problems).toEqual([]);
      await page.close();
    }
  }, 180_000);

  it('channels: a gallery tile\'s zoom links to its dictionary entry, which opens on the right tab', async () => {
    for (const lang of LANGS) {
      const t = translator(lang);
      const { page, problems } = await open(`${lang}/`);
      // A pooling layer's tile: its channels are those of the convolution before it.
      await page.locator('figure[data-gallery="max_pooling2d_1"] .gallery-grid button.tile').nth(17).click();
      const link = page.locator('dialog.zoom[open] .zoom-link a');
      await expect.poll(() => link.isVisible()).toBe(true);
      expect(await link.textContent()).toBe(t('zoom.dictionaryFrom', { channel: 17, conv: 'conv2d_1' }));
      // The article's grids may still be loading; leaving mid-load aborts them, which would count as failed requests.
      await page.waitForLoadState('networkidle');
      await Promise.all([page.waitForURL(/\/channels\/#conv2d_1-17$/), link.click()]);
      const entry = page.locator('#conv2d_1-17');
      await expect.poll(() => entry.getAttribute('open')).not.toBeNull();
      expect(await entry.getAttribute('class')).toContain('is-target');
      expect(await selectedTab(page)).toBe('dictionary-conv2d_1');
      expect(await visiblePanels(page)).toEqual(['dictionary-conv2d_1']);
      expect(await entry.isVisible()).toBe(true);
      await expect.poll(() => brokenImages(page, '#conv2d_1-17 img')).toEqual([]);
      expect(problems).toEqual([]);
      await page.close();
    }
  }, 60_000);

  it('channels: the page, fully loaded as it opens, stays under 1.5 MB', async () => {
    for (const lang of LANGS) {
      const { page, bytes } = await open(`${lang}/channels/`);
      await loadAllImages(page);
      await page.waitForLoadState('networkidle');
      console.log(`page weight /${lang}/channels/: ${(bytes() / 1e6).toFixed(2)} MB`);
      expect(bytes()).toBeGreaterThan(50_000);
      expect(bytes()).toBeLessThan(1.5e6);
      await page.close();
    }
  }, 60_000);
}
