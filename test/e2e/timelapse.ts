// Browser tests of the training timelapse (::timelapse on /en/training/ and /zh/training/), registered
// inside site.test.ts so they share its quick build.
import type { BrowserContext } from 'playwright-core';
import { expect, it } from 'vitest';
import type { TimelapseData } from '../../site/lib/directives/timelapseData';
import { translator, type Lang } from '../../site/lib/i18n';
import { axeViolations, loadAllImages, openPage } from './pageTools';

export interface TimelapseEnv {
  site: { url: string };
  browser: BrowserContext;
}

const FIGURE = 'figure[data-timelapse]';

export function timelapseTests(env: () => TimelapseEnv): void {
  for (const lang of ['en', 'zh'] as const satisfies readonly Lang[]) {
    it(`timelapse (${lang}): the keyboard moves the epoch slider, which swaps both pictures and announces the epoch`, async () => {
      const t = translator(lang);
      const { page, problems, bytes } = await openPage(env().browser, `${env().site.url}${lang}/training/`);
      const figure = page.locator(FIGURE);
      const data = JSON.parse((await figure.locator('script[data-timelapse-data]').textContent()) ?? 'null') as TimelapseData;
      expect(data.frames.length).toBeGreaterThanOrEqual(2);
      const slider = page.getByRole('slider', { name: t('timelapse.slider') });
      await expect.poll(() => slider.isVisible()).toBe(true);
      const kernels = figure.locator('img[data-timelapse-kernels]');
      const maps = figure.locator('img[data-timelapse-maps]');
      const shows = async (position: number) => {
        const frame = data.frames[position];
        await expect.poll(() => kernels.getAttribute('src')).toBe(frame.kernels);
        expect(await maps.getAttribute('src')).toBe(frame.maps);
        expect(await slider.getAttribute('aria-valuetext')).toBe(frame.value);
        expect(await figure.locator('[data-timelapse-value]').textContent()).toBe(frame.value);
        expect(await maps.getAttribute('alt')).toBe(frame.mapsAlt);
        // Both pictures of this epoch finish loading (the next key press would otherwise abort them).
        const loaded = (img: HTMLImageElement) => img.complete && img.naturalWidth > 0;
        await expect.poll(async () => (await kernels.evaluate(loaded)) && (await maps.evaluate(loaded))).toBe(true);
      };
      await shows(data.initial);
      await slider.focus();
      await page.keyboard.press('Home');
      await shows(0);
      expect(data.frames[0].value).toBe(t('timelapse.valueStart', { last: data.frames.at(-1)?.epoch ?? 0 }));
      for (let position = 1; position < data.frames.length; position++) {
        await page.keyboard.press('ArrowRight');
        await shows(position);
      }
      await page.keyboard.press('Home');
      await shows(0);
      await page.keyboard.press('End');
      await shows(data.frames.length - 1);
      // The jump button, pressed from the keyboard, goes back to the kept epoch.
      await figure.getByRole('button', { name: t('timelapse.goKept') }).focus();
      await page.keyboard.press('Enter');
      await shows(data.initial);
      await loadAllImages(page);
      const broken = await figure.locator('img').evaluateAll((imgs) => (imgs as HTMLImageElement[]).filter((i) => i.naturalWidth === 0).map((i) => i.src));
      expect(broken).toEqual([]);
      expect(await axeViolations(page)).toEqual([]);
      expect(problems).toEqual([]);
      // Every epoch's pictures have been shown: the most this page can weigh.
      const weight = bytes() / 1024 / 1024;
      console.log(`page weight /${lang}/training/ with all ${data.frames.length} epochs of the timelapse shown: ${weight.toFixed(2)} MB`);
      expect(weight).toBeLessThanOrEqual(1.5);
      await page.close();
    }, 60_000);

    it(`timelapse (${lang}): without JavaScript the filmstrip of key epochs shows and the slider stays hidden`, async () => {
      const page = await env().browser.newPage();
      const cdp = await env().browser.newCDPSession(page);
      await cdp.send('Emulation.setScriptExecutionDisabled', { value: true });
      await page.goto(`${env().site.url}${lang}/training/`, { waitUntil: 'load' });
      const strip = page.locator(`${FIGURE} .timelapse-filmstrip img`);
      await expect.poll(() => strip.evaluate((img) => (img as HTMLImageElement).naturalWidth)).toBeGreaterThan(0);
      expect(await strip.getAttribute('alt')).toContain('conv2d');
      expect(await page.locator(`${FIGURE} input[type="range"]`).isVisible()).toBe(false);
      expect(await page.locator(`${FIGURE} img[data-timelapse-kernels]`).evaluate((img) => (img as HTMLImageElement).naturalWidth)).toBeGreaterThan(0);
      await page.close();
    }, 60_000);
  }
}
