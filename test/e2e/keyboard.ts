// Browser tests of keyboard access and of the pictures' sizing (issue #25, defects 1–5, 7, 8), registered inside
// site.test.ts so they share its quick build: the Tab stops of every page, the tile grids' roving focus, the
// sticky sample picker, the explorer's status, focus and phone targets, zooms opened before their image loaded.
import type { Page } from 'playwright-core';
import { expect, it } from 'vitest';
import { translator } from '../../site/lib/i18n';
import type { ExplorerEnv } from './explorerPage';
import { loadAllImages, openPage } from './pageTools';
import { unreachedControls, walkTabStops } from './tabStops';

const LANGS = ['en', 'zh'] as const;
const PAGES = ['', 'explore/', 'model/', 'training/', 'errors/', 'explanations/', 'channels/', 'about/'];
const PHONE = { width: 375, height: 800 };

type Env = () => Pick<ExplorerEnv, 'site' | 'browser'>;

const allChartsLive = (page: Page) => page.waitForFunction(() => [...document.querySelectorAll('figure[data-chart]')].every((f) => f.getAttribute('data-enhanced') === 'true'), null, { timeout: 30_000 });

/** The part of the focused element's box the sticky picker covers, as a share of its height (0 when the picker is not over it). */
const coveredByPicker = (page: Page) => page.evaluate(() => {
  const pickerElement = document.querySelector('[data-sample-picker]');
  const picker = pickerElement?.getBoundingClientRect();
  const box = document.activeElement?.getBoundingClientRect();
  // The picker's own buttons are on it, not under it.
  if (!picker || !box || box.height === 0 || pickerElement?.contains(document.activeElement)) return 0;
  const overlap = Math.min(picker.bottom, box.bottom) - Math.max(picker.top, box.top);
  return Math.max(0, overlap) / box.height;
});

export function keyboardTests(env: Env): void {
  it('keyboard: every page has fewer than 100 Tab stops, and every visible control is reached by Tab from the top (both languages)', async () => {
    const counts: string[] = [];
    for (const code of LANGS) {
      for (const p of PAGES) {
        const { page, problems } = await openPage(env().browser, `${env().site.url}${code}/${p}`);
        // From load, without scrolling: every chart's menu and switch must be there before the reader scrolls.
        await page.waitForLoadState('networkidle');
        await allChartsLive(page);
        const stops = await walkTabStops(page);
        counts.push(`/${code}/${p}: ${stops.length}`);
        expect(stops.length, `/${code}/${p}`).toBeLessThan(100);
        // Then everything the page can show (lazy images, charts, the picker's view): was each control reached?
        await loadAllImages(page);
        await allChartsLive(page);
        expect(await unreachedControls(page), `/${code}/${p}`).toEqual([]);
        expect(problems).toEqual([]);
        await page.close();
      }
    }
    console.log(`tab stops per page: ${counts.join(', ')}`);
  }, 300_000);

  it('keyboard: a feature-map grid is one Tab stop; arrow keys, Home and End move between its tiles, each named by layer and channel', async () => {
    for (const code of LANGS) {
      const t = translator(code);
      const { page, problems } = await openPage(env().browser, `${env().site.url}${code}/`);
      const grid = page.locator('figure[data-gallery]').nth(1);
      const layer = (await grid.getAttribute('data-gallery')) as string;
      const tiles = grid.locator('button.tile');
      const count = await tiles.count();
      expect(await grid.locator('button.tile[tabindex="0"]').count()).toBe(1);
      const names = await tiles.evaluateAll((bs) => bs.map((b) => b.getAttribute('aria-label')));
      expect(names[5]).toBe(t('zoom.title', { layer, channel: 5 }));
      expect(new Set(names).size).toBe(count);
      await tiles.first().focus();
      const focused = () => page.evaluate(() => [...(document.activeElement?.parentElement?.children ?? [])].filter((c) => c.matches('button.tile')).indexOf(document.activeElement as Element));
      const cols = Number(await grid.evaluate((f) => JSON.parse(f.querySelector('script[data-gallery-data]')?.textContent ?? '{}').cols));
      await page.keyboard.press('ArrowRight');
      expect(await focused()).toBe(1);
      await page.keyboard.press('ArrowDown');
      expect(await focused()).toBe(1 + cols);
      await page.keyboard.press('ArrowLeft');
      expect(await focused()).toBe(cols);
      await page.keyboard.press('ArrowUp');
      expect(await focused()).toBe(0);
      await page.keyboard.press('End');
      expect(await focused()).toBe(count - 1);
      expect(await grid.locator('button.tile[tabindex="0"]').getAttribute('aria-label')).toBe(names[count - 1]);
      await page.keyboard.press('Home');
      expect(await focused()).toBe(0);
      expect(problems).toEqual([]);
      await page.close();
    }
  }, 60_000);

  it('keyboard: Shift+Tab back through the grids never leaves the focused tile under the sticky sample picker, nor the draw-your-own pad', async () => {
    for (const [code, viewport] of LANGS.flatMap((c) => [[c, { width: 1200, height: 900 }], [c, PHONE]] as const)) {
      const { page } = await openPage(env().browser, `${env().site.url}${code}/`);
      await page.setViewportSize(viewport);
      await page.locator('figure[data-gallery]').last().locator('button.tile').first().focus();
      for (let i = 0; i < 12; i++) {
        await page.keyboard.press('Shift+Tab');
        expect(await coveredByPicker(page), `${code} ${viewport.width} px: Shift+Tab ${i + 1}`).toBe(0);
      }
      await page.locator('[data-sample-picker] button[data-draw-own]').click();
      const pad = page.locator('[data-draw-own-view] canvas[data-pad]');
      await expect.poll(() => pad.count(), { timeout: 20_000 }).toBe(1);
      await page.evaluate(() => window.scrollTo(0, document.body.scrollHeight));
      await pad.focus();
      expect(await coveredByPicker(page), `${code} ${viewport.width} px: the pad`).toBe(0);
      await page.close();
    }
  }, 60_000);

  it('pictures: a zoom opened before its image has loaded (a feature-map tile, an attribution map) shows it once the image arrives', async () => {
    const cases = [
      { path: '', images: '**/visuals/**/*.png', figure: 'figure[data-gallery]', button: 'button.tile' },
      { path: 'explanations/', images: '**/explain/**/*.png', figure: 'figure[data-attribution]', button: 'button.map-zoom' },
    ];
    for (const code of LANGS) {
      for (const c of cases) {
        const { page, problems } = await openPage(env().browser, `${env().site.url}${code}/${c.path}`);
        let release = () => {};
        const held = new Promise<void>((r) => (release = r));
        await page.route(c.images, async (route) => { await held; await route.continue(); });
        const figure = page.locator(c.figure).last();
        const button = figure.locator(c.button).nth(2);
        // Nothing of the image yet: the grid (or map) is lazy and its request is held back.
        expect(await button.evaluate((b) => { const i = b.closest('figure')?.querySelectorAll('img'); return [...(i ?? [])].some((x) => x.complete && x.naturalWidth > 0); }), `${code}/${c.path}`).toBe(false);
        await button.click();
        const canvas = page.locator('dialog.zoom[open] canvas');
        await expect.poll(() => canvas.count()).toBe(1);
        const painted = () => canvas.evaluate((el: HTMLCanvasElement) => {
          const data = el.getContext('2d')?.getImageData(0, 0, el.width, el.height).data ?? [];
          let n = 0;
          for (let i = 3; i < data.length; i += 4) if (data[i] > 0) n++;
          return n;
        });
        release();
        await expect.poll(painted, { timeout: 20_000, message: `${code}/${c.path}` }).toBeGreaterThan(0);
        await page.unroute(c.images);
        expect(problems).toEqual([]);
        await page.close();
      }
    }
  }, 90_000);

  it('explorer: lifting the pen keeps the prediction in the result line, undo hands focus on, the maps button says what it does', async () => {
    for (const code of LANGS) {
      const t = translator(code);
      const { page, problems } = await openPage(env().browser, `${env().site.url}${code}/explore/`);
      await page.waitForFunction(() => document.querySelector('[data-explorer]')?.getAttribute('data-predicted'), null, { timeout: 30_000 });
      const status = page.locator('[data-status]');
      const pad = page.locator('canvas[data-pad]');
      await pad.focus();
      await page.keyboard.press('Space');
      for (let i = 0; i < 4; i++) await page.keyboard.press('ArrowDown');
      await page.keyboard.press('Space');
      await expect.poll(() => page.locator('[data-pen-status]').textContent()).toBe(t('explore.penUp'));
      await expect.poll(() => status.textContent()).toContain(t('explore.drawn'));
      const undo = page.locator('button[data-undo]');
      await undo.focus();
      await page.keyboard.press('Enter');
      await expect.poll(() => undo.isDisabled()).toBe(true);
      expect(await page.evaluate(() => document.activeElement?.tagName)).not.toBe('BODY');
      const toggle = page.locator('button[data-maps-toggle]');
      expect(await toggle.textContent()).toBe(t('explore.showMaps'));
      await toggle.click();
      await expect.poll(() => toggle.getAttribute('aria-expanded')).toBe('true');
      expect(await toggle.textContent()).toBe(t('explore.hideMaps'));
      await toggle.click();
      await expect.poll(() => toggle.textContent()).toBe(t('explore.showMaps'));
      expect(problems).toEqual([]);
      await page.close();
    }
  }, 60_000);

  it('explorer on a 375 px phone: every button and field is at least 24×24 CSS px', async () => {
    for (const code of LANGS) {
      const { page } = await openPage(env().browser, `${env().site.url}${code}/explore/`);
      await page.setViewportSize(PHONE);
      await page.waitForFunction(() => document.querySelector('[data-explorer]')?.getAttribute('data-updates'), null, { timeout: 30_000 });
      const small = await page.$$eval('[data-explorer] button, [data-explorer] input, [data-explorer] select', (els) => els
        .filter((el) => el.checkVisibility())
        .map((el) => ({ el: `${el.tagName.toLowerCase()} ${el.getAttribute('aria-label') ?? el.textContent?.trim() ?? ''}`, box: el.getBoundingClientRect() }))
        .filter(({ el, box }) => !el.startsWith('input') || box.width > 0)
        .filter(({ box }) => box.width < 24 || box.height < 24)
        .map(({ el, box }) => `${el}: ${box.width.toFixed(1)}×${box.height.toFixed(1)}`));
      expect(small, code).toEqual([]);
      await page.close();
    }
  }, 60_000);

  it('pictures: the sample picker shows every entry whole, on a desktop and on a phone (both languages)', async () => {
    for (const code of LANGS) {
      for (const viewport of [{ width: 1200, height: 900 }, PHONE]) {
        const { page } = await openPage(env().browser, `${env().site.url}${code}/`);
        await page.setViewportSize(viewport);
        const clipped = await page.$$eval('[data-sample-picker] button', (buttons) => buttons.flatMap((b) => {
          const picker = (b.closest('[data-sample-picker]') as HTMLElement).getBoundingClientRect();
          const box = b.getBoundingClientRect();
          const span = b.querySelector('span') ?? b;
          const cut = [
            box.left < picker.left || box.right > picker.right ? 'outside the picker' : '',
            span.scrollWidth > span.clientWidth + 0.5 ? `text cut by ${span.scrollWidth - span.clientWidth} px` : '',
          ].filter(Boolean);
          return cut.length ? [`${b.textContent?.trim()}: ${cut.join(', ')}`] : [];
        }));
        expect(clipped, `${code} ${viewport.width} px`).toEqual([]);
        await page.close();
      }
    }
  }, 60_000);

  it('pictures: the model page shows the kernel strip at a whole multiple of its pixel size, pixelated', async () => {
    for (const code of LANGS) {
      for (const viewport of [{ width: 1200, height: 900 }, PHONE]) {
        const { page } = await openPage(env().browser, `${env().site.url}${code}/model/`);
        await page.setViewportSize(viewport);
        const strip = page.locator('figure.filters img');
        await strip.scrollIntoViewIfNeeded();
        await expect.poll(() => strip.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBeGreaterThan(0);
        const { scale, rendering } = await strip.evaluate((img: HTMLImageElement) => ({ scale: img.getBoundingClientRect().width / img.naturalWidth, rendering: getComputedStyle(img).imageRendering }));
        expect(rendering).toBe('pixelated');
        expect(scale, `${code} ${viewport.width} px`).toBeGreaterThanOrEqual(1);
        expect(Math.abs(scale - Math.round(scale)), `${code} ${viewport.width} px: scale ${scale}`).toBeLessThan(0.01);
        await page.close();
      }
    }
  }, 60_000);
}
