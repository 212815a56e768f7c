// The report as readers meet it beyond a desktop browser with scripts (issue #25): on a 375 px phone, in Chinese,
// in dark mode, with JavaScript off, and printed. Called from ./site.test.ts with the built site and the browser.
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { chromium } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { CHROMIUM_PATH } from './browser';
import { axeViolations } from './pageTools';
import type { serveStatic } from './staticServer';
import { scrollThrough, visit } from './visit';

interface Env {
  site: Awaited<ReturnType<typeof serveStatic>>;
  browser: BrowserContext;
}

const LANGS = ['en', 'zh'] as const;
const PAGES = ['', 'explore/', 'model/', 'training/', 'errors/', 'explanations/', 'channels/', 'about/'];
const CHART_PAGES = ['', 'model/', 'training/', 'errors/', 'channels/'];

/**
 * Latin words a Chinese page may show: names of software, data, layers and methods, keys, units, and the people
 * the about page credits. Code, the other language's link (lang="en") and book titles in 《…》 are not read at all.
 */
export const ZH_ALLOWED_WORDS = new Set([
  // software, formats and data
  'TensorFlow', 'js', 'Keras', 'PyTorch', 'Node', 'JavaScript', 'TypeScript', 'WebAssembly', 'SIMD', 'CPU', 'oneDNN', 'OpenMP',
  'Astro', 'Vega', 'Lite', 'IDX', 'PNG', 'JPEG', 'WebP', 'SHA', 'MNIST', 'Fashion', 'ColorBrewer', 'viridis', 'RdBu',
  // layers, methods and the optimiser
  'Conv', 'Dense', 'Flatten', 'MaxPooling', 'MaxPool', 'Dropout', 'ReLU', 'softmax', 'logit', 'logits', 'Adam',
  'Grad', 'CAM', 'SmoothGrad', 'Integrated', 'Gradients', 'UMAP', 'PCA', 'Spearman', 'CNN', 'ceil',
  // keys
  'Tab', 'Shift', 'Enter', 'Space', 'Esc',
  // credited people and the tutorial's site
  'Analytics', 'Vidhya', 'Yann', 'LeCun', 'Corinna', 'Cortes', 'Christopher', 'Burges', 'Adebayo',
]);
/** A layer's own name (conv2d_1, max_pooling2d…) is code even outside <code>. */
const LAYER_NAME = /^(conv2d|dense|max_pooling2d|dropout|flatten|global_average_pooling2d)(_\d+)?$/;

/** Latin words in the page's visible text and in the accessible names of its visible elements, outside code. */
async function latinWords(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const skipped = (el: Element | null) => !!el?.closest('code, pre, kbd, samp, time, script, style, noscript, [lang^="en"]');
    const texts: string[] = [];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const parent = node.parentElement;
      if (!parent || skipped(parent) || !parent.checkVisibility()) continue;
      texts.push(node.textContent ?? '');
    }
    for (const el of document.body.querySelectorAll('[aria-label], [alt], [title], [aria-roledescription], [aria-description]')) {
      if (skipped(el) || !(el as HTMLElement).checkVisibility?.()) continue;
      for (const name of ['aria-label', 'alt', 'title', 'aria-roledescription', 'aria-description']) texts.push(el.getAttribute(name) ?? '');
    }
    document.title && texts.push(document.title);
    // Book titles, npm package names (@scope/name), tokens with digits (hashes, versions, kernel names like Conv2D)
    // and single letters (N×28×28×1) are not words.
    const words = texts.flatMap((t) => t.replace(/《[^》]*》|@[\w./-]+/g, ' ').match(/[A-Za-z][A-Za-z0-9_]+/g) ?? []);
    return words.filter((w) => !/\d/.test(w));
  });
}

/** The smallest size chart text is drawn at: its font size times the scale the SVG is shown at. */
async function smallestChartText(page: Page, drawing = '.vega-embed svg'): Promise<{ chart: string; px: number; text: string }[]> {
  return page.$$eval('figure[data-chart]', (figures, selector) =>
    figures.map((figure) => {
      const svg = [...figure.querySelectorAll<SVGSVGElement>(selector)].find((s) => s.checkVisibility());
      let smallest = { px: Infinity, text: '' };
      if (svg) {
        const scale = svg.getBoundingClientRect().width / (svg.viewBox.baseVal?.width || svg.width.baseVal.value);
        for (const text of svg.querySelectorAll('text')) {
          if (!text.textContent?.trim()) continue;
          const px = parseFloat(getComputedStyle(text).fontSize) * scale;
          if (px < smallest.px) smallest = { px: Math.round(px * 10) / 10, text: text.textContent };
        }
      }
      return { chart: figure.getAttribute('data-chart') ?? '', ...smallest };
    }),
  drawing);
}

async function waitForCharts(page: Page): Promise<void> {
  await scrollThrough(page);
  await page.waitForFunction(() => [...document.querySelectorAll<HTMLElement>('figure[data-chart]')].every((f) => f.dataset.enhanced === 'true' && f.querySelector('.vega-embed svg')), null, { timeout: 30_000 });
}

/** Controls a reader without JavaScript would see: none of them does anything without the page's scripts. */
async function visibleScriptedControls(page: Page): Promise<string[]> {
  return page.$$eval('button, input, select, textarea, canvas, meter, .hint, .explorer-status', (els) =>
    els
      .filter((el) => (el as HTMLElement).checkVisibility())
      .map((el) => `${el.tagName.toLowerCase()}${el.className ? `.${String(el.className).split(' ')[0]}` : ''} "${(el.textContent ?? '').trim().slice(0, 40)}"`),
  );
}

/** Words that point the reader at an interactive control (English and Chinese). */
const CONTROL_WORDS = /\b(picker|slider|the switch|drag|click|pick (another|a test))\b|选择器|滑块|开关|拖动|点击|换成别的|先选一张/i;

/** Visible paragraphs, list items and captions that mention a control, shortened to the words around it. */
async function controlPointers(page: Page): Promise<string[]> {
  const texts = await page.$$eval('main p, main li, main figcaption', (els) => els.filter((e) => (e as HTMLElement).checkVisibility()).map((e) => (e as HTMLElement).innerText.replace(/\s+/g, ' ')));
  return texts.flatMap((t) => {
    const m = CONTROL_WORDS.exec(t);
    return m ? [t.slice(Math.max(0, m.index - 40), m.index + 40)] : [];
  });
}

export function readerModeTests(env: () => Env): void {
  describe('the report in reader modes (issue #25)', () => {
    it('lays charts out again on a 375 px phone: no chart text under 11 px, in both languages', async () => {
      const { site, browser } = env();
      const found: string[] = [];
      for (const lang of LANGS) {
        for (const p of CHART_PAGES) {
          const { page } = await visit(browser, `${site.url}${lang}/${p}`);
          await page.setViewportSize({ width: 375, height: 800 });
          await page.reload({ waitUntil: 'load' });
          await waitForCharts(page);
          for (const c of await smallestChartText(page)) {
            if (c.px < 11) found.push(`${lang}/${p} ${c.chart}: "${c.text}" at ${c.px} px`);
          }
          // Nothing wider than the phone.
          expect(await page.evaluate(() => document.documentElement.scrollWidth), `${lang}/${p}`).toBeLessThanOrEqual(375);
          await page.close();
        }
      }
      // The about page's tables keep their label column readable (CJK labels could otherwise break after every character).
      for (const lang of LANGS) {
        const { page } = await visit(browser, `${site.url}${lang}/about/`);
        await page.setViewportSize({ width: 375, height: 800 });
        const narrowest = await page.$$eval('table th[scope="row"]', (ths) => Math.min(...ths.map((th) => th.getBoundingClientRect().width)));
        if (narrowest < 56) found.push(`${lang}/about/: a table label column ${narrowest} px wide`);
        await page.close();
      }
      expect(found).toEqual([]);
    }, 240_000);

    it('shows no English on the Chinese pages beyond names, layers, keys and code, in visible text and accessible names', async () => {
      const { site, browser } = env();
      const found = new Map<string, Set<string>>();
      for (const p of PAGES) {
        const { page } = await visit(browser, `${site.url}zh/${p}`);
        if (p !== 'explore/') await waitForCharts(page);
        for (const word of await latinWords(page)) {
          if (ZH_ALLOWED_WORDS.has(word) || LAYER_NAME.test(word)) continue;
          found.set(p, (found.get(p) ?? new Set()).add(word));
        }
        await page.close();
      }
      expect(Object.fromEntries([...found].map(([p, words]) => [p, [...words].sort()]))).toEqual({});
    }, 240_000);

    it('keeps every page readable in dark mode: no colour-contrast violation (axe), in both languages', async () => {
      const { site, browser } = env();
      const found: string[] = [];
      for (const lang of LANGS) {
        for (const p of PAGES) {
          const { page } = await visit(browser, `${site.url}${lang}/${p}`);
          await page.emulateMedia({ colorScheme: 'dark' });
          expect(await page.evaluate(() => getComputedStyle(document.body).backgroundColor)).not.toBe('rgb(255, 255, 255)');
          if (p !== 'explore/') await waitForCharts(page);
          for (const v of await axeViolations(page)) found.push(`${lang}/${p}: ${v}`);
          await page.close();
        }
      }
      expect(found).toEqual([]);
    }, 300_000);

    it('shows no control, hint or live output that needs JavaScript when it is off, in both languages', async () => {
      const { site } = env();
      const browser: Browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: ['--no-sandbox', '--headless', '--disable-gpu'] });
      try {
        const context = await browser.newContext({ javaScriptEnabled: false, viewport: { width: 1200, height: 900 } });
        const found: string[] = [];
        // The static drawings on a phone: the narrow layout, not the wide one shrunk.
        const phone = await browser.newContext({ javaScriptEnabled: false, viewport: { width: 375, height: 800 } });
        for (const lang of LANGS) {
          for (const p of CHART_PAGES) {
            const page = await phone.newPage();
            await page.goto(`${site.url}${lang}/${p}`);
            for (const c of await smallestChartText(page, '.chart-view svg')) {
              if (c.px < 11) found.push(`${lang}/${p} ${c.chart} without JavaScript: "${c.text}" at ${c.px} px`);
            }
            await page.close();
          }
        }
        for (const lang of LANGS) {
          for (const p of PAGES) {
            const page = await context.newPage();
            await page.goto(`${site.url}${lang}/${p}`);
            for (const control of await visibleScriptedControls(page)) found.push(`${lang}/${p}: ${control}`);
            // Passages that point at a control only the script brings stay hidden too.
            expect(await page.locator('.needs-js').evaluateAll((els) => els.filter((e) => (e as HTMLElement).checkVisibility()).length)).toBe(0);
            if (p === 'explore/') expect(await page.locator('[data-explorer-nojs]').isVisible()).toBe(true);
            // Nor does visible prose point at a control that is not there.
            for (const sentence of await controlPointers(page)) found.push(`${lang}/${p}: "${sentence}"`);
            await page.close();
          }
        }
        expect(found).toEqual([]);
        // With scripts, the same passages show.
        for (const lang of LANGS) {
          const { page } = await visit(env().browser, `${site.url}${lang}/training/`);
          const shown = await page.locator('.needs-js').evaluateAll((els) => els.map((e) => (e as HTMLElement).checkVisibility()));
          expect(shown.length).toBeGreaterThan(0);
          expect(shown.every(Boolean)).toBe(true);
          await page.close();
        }
      } finally {
        await browser.close();
      }
    }, 120_000);

    it('prints the article without navigation, picker, chart menus, hints or controls', async () => {
      const { site, browser } = env();
      for (const lang of LANGS) {
        for (const p of ['', 'explanations/', 'explore/']) {
          const { page } = await visit(browser, `${site.url}${lang}/${p}`);
          if (p !== 'explore/') await waitForCharts(page);
          await page.emulateMedia({ media: 'print' });
          const shown = await page.$$eval('.site-nav, .lang-switch, .sample-picker, .vega-embed details, .hint, select, input, .explorer-controls, .explorer-maps-toggle', (els) =>
            els.filter((e) => (e as HTMLElement).checkVisibility()).map((e) => `${e.tagName.toLowerCase()}.${String(e.className).split(' ')[0]}`),
          );
          expect(shown, `${lang}/${p}`).toEqual([]);
          // Figures are kept whole on a page.
          expect(await page.$$eval('figure', (fs) => fs.every((f) => getComputedStyle(f).breakInside === 'avoid'))).toBe(true);
          await page.close();
        }
      }
    }, 120_000);
  });
}
