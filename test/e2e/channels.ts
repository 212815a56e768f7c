// Browser tests of the channels page's distributions and embedding map (issue #13), registered inside
// site.test.ts so they share its quick build.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { expect, it } from 'vitest';
import { translator } from '../../site/lib/i18n';
import type { ExplorerEnv } from './explorerPage';
import { axeViolations, loadAllImages, openPage } from './pageTools';


const CHARTS = ['weights', 'activations', 'dead-channels', 'embedding'];
const MAP = 'figure[data-chart="embedding"]';

export function channelsTests(env: () => ExplorerEnv): void {
  it('channels: the distributions and the map draw live in both languages, every test image on the map, a digit in its tooltip, axe clean, under 1.5 MB', async () => {
    const index = JSON.parse(await readFile(path.join(env().artifactsDir, 'explain/embedding/embedding.json'), 'utf8')) as { count: number };
    for (const code of ['en', 'zh'] as const) {
      const t = translator(code);
      const { page, problems, bytes } = await openPage(env().browser, `${env().site.url}${code}/channels/`);
      await loadAllImages(page);
      for (const name of CHARTS) {
        const figure = page.locator(`figure[data-chart="${name}"]`);
        await figure.scrollIntoViewIfNeeded();
        await expect.poll(() => figure.getAttribute('data-enhanced'), { timeout: 20_000 }).toBe('true');
        expect(await figure.locator('.chart-wrapper svg').count(), name).toBe(1);
      }
      // The build's HTML holds a sample; the live map has a symbol for every test image.
      const symbols = page.locator(`${MAP} .chart-wrapper svg g.mark-symbol.role-mark path`);
      expect(await symbols.count()).toBe(index.count);
      // The UMAP / PCA switch: labelled radio buttons in the page's language, reachable by keyboard.
      const radios = page.locator(`${MAP} input[type="radio"]`);
      expect(await radios.count()).toBe(2);
      expect(await page.locator(`${MAP} .vega-bind-name`).textContent()).toContain(t('chart.embedding.projection'));
      const before = await symbols.first().getAttribute('transform');
      await radios.first().focus();
      await page.keyboard.press('ArrowRight');
      await expect.poll(() => radios.nth(1).isChecked()).toBe(true);
      await expect.poll(() => symbols.first().getAttribute('transform')).not.toBe(before);
      // A point's tooltip shows the digit, painted from its test-image shard.
      const box = await symbols.nth(Math.floor(index.count / 2)).boundingBox();
      if (!box) throw new Error('the map has no visible point');
      await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
      await page.mouse.move(box.x + box.width / 2 + 0.5, box.y + box.height / 2);
      const image = page.locator('#vg-tooltip-element.visible img');
      await expect.poll(() => image.count(), { timeout: 10_000 }).toBe(1);
      await expect.poll(() => image.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBe(28);
      expect(await page.locator('#vg-tooltip-element.visible').textContent()).toContain(t('chart.trueLabel'));
      await page.mouse.move(0, 0);
      expect(await axeViolations(page)).toEqual([]);
      await page.waitForLoadState('networkidle');
      console.log(`page weight /${code}/channels/: ${(bytes() / 1e6).toFixed(2)} MB (charts live, map loaded, one tooltip digit)`);
      expect(bytes()).toBeLessThan(1.5e6);
      expect(problems).toEqual([]);
      await page.close();
    }
  }, 120_000);
}
