// Driving the live explorer in the test browser: open it, wait for its redraws, load a test image,
// and compare its grids with the build's PNGs. Used by test/e2e/explorer.ts.
import type { BrowserContext, Page } from 'playwright-core';
import { VIRIDIS_RGB } from '../../shared/drawing/viridis';
import { openPage } from './pageTools';

export interface ExplorerEnv {
  site: { url: string };
  browser: BrowserContext;
  artifactsDir: string;
}

export const EXPLORER = '[data-explorer]';

async function updates(page: Page): Promise<number> {
  return Number((await page.getAttribute(EXPLORER, 'data-updates')) ?? 0);
}

/** Runs `action` and waits until the explorer has redrawn after it. */
export async function afterUpdate(page: Page, action: () => Promise<unknown>): Promise<void> {
  const before = await updates(page);
  await action();
  await page.waitForFunction((n) => Number(document.querySelector('[data-explorer]')?.getAttribute('data-updates') ?? 0) > n, before, { timeout: 20_000 });
}

export async function openExplorer(env: ExplorerEnv, lang: string) {
  const visit = await openPage(env.browser, `${env.site.url}${lang}/explore/`);
  await visit.page.waitForFunction(() => document.querySelector('[data-explorer]')?.getAttribute('data-updates'), null, { timeout: 30_000 });
  return visit;
}

export async function showTestImage(page: Page, index: number): Promise<void> {
  // Set and commit the value as a 'change' (typing would not fire one when the value is already there).
  await afterUpdate(page, () => page.$eval('input[data-index]', (el, i) => {
    (el as HTMLInputElement).value = String(i);
    el.dispatchEvent(new Event('change', { bubbles: true }));
  }, index));
  await page.waitForFunction((i) => document.querySelector('[data-explorer]')?.getAttribute('data-index') === String(i), index);
}

interface GridDifference {
  /** Largest difference of an 8-bit level (colour mapped back through viridis). */
  level: number;
  /** Largest difference of any colour channel value (0–255). */
  rgb: number;
}

/**
 * Per layer, the live canvas against the build's PNG. Levels are recovered from colours through the
 * viridis table (a level one apart can differ by up to 3 in one colour channel; a few entries share a
 * colour, so the closest candidates count); white gap pixels must match exactly.
 */
export async function gridDifferences(page: Page, pngs: Record<string, string>): Promise<Record<string, GridDifference>> {
  return page.evaluate(async ({ sources, palette }) => {
    const levelsOf = new Map<number, number[]>();
    for (let l = 0; l < 256; l++) {
      const key = (palette[l * 3] << 16) | (palette[l * 3 + 1] << 8) | palette[l * 3 + 2];
      levelsOf.set(key, [...(levelsOf.get(key) ?? []), l]);
    }
    const out: Record<string, { level: number; rgb: number }> = {};
    for (const [layer, src] of Object.entries(sources)) {
      const live = document.querySelector<HTMLCanvasElement>(`canvas[data-layer="${layer}"]`) as HTMLCanvasElement;
      const img = new Image();
      img.src = src;
      await img.decode();
      if (img.naturalWidth !== live.width || img.naturalHeight !== live.height) { out[layer] = { level: 999, rgb: 999 }; continue; }
      const c = document.createElement('canvas');
      c.width = img.naturalWidth;
      c.height = img.naturalHeight;
      const ctx = c.getContext('2d') as CanvasRenderingContext2D;
      ctx.drawImage(img, 0, 0);
      const a = ctx.getImageData(0, 0, c.width, c.height).data;
      const b = (live.getContext('2d') as CanvasRenderingContext2D).getImageData(0, 0, c.width, c.height).data;
      let level = 0;
      let rgb = 0;
      for (let i = 0; i < a.length; i += 4) {
        for (let k = 0; k < 3; k++) rgb = Math.max(rgb, Math.abs(a[i + k] - b[i + k]));
        const la = levelsOf.get((a[i] << 16) | (a[i + 1] << 8) | a[i + 2]);
        const lb = levelsOf.get((b[i] << 16) | (b[i + 1] << 8) | b[i + 2]);
        if (!la || !lb) { if (a[i] !== b[i] || a[i + 1] !== b[i + 1] || a[i + 2] !== b[i + 2]) level = 999; continue; }
        level = Math.max(level, Math.min(...la.flatMap((x) => lb.map((y) => Math.abs(x - y)))));
      }
      out[layer] = { level, rgb };
    }
    return out;
  }, { sources: pngs, palette: [...VIRIDIS_RGB] });
}

export function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
}
