// Measures a built site in headless Chromium: page weight (all requests after scrolling to the bottom,
// so lazy images and the chart bundle count), axe-core violations, and a screenshot.
// Usage: npx tsx test/site/measure.ts [distDir=dist] [path=/en/] [--base=/] [--screenshot=file.png] [--interact]
import { createServer, type Server } from 'node:http';
import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { chromium } from 'playwright-core';

const MIME: Record<string, string> = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.css': 'text/css', '.png': 'image/png', '.json': 'application/json', '.svg': 'image/svg+xml' };

export function serveDist(dist: string, base = '/'): Promise<{ server: Server; origin: string }> {
  const server = createServer((req, res) => {
    const url = decodeURIComponent((req.url ?? '/').split('?')[0] ?? '/');
    if (!url.startsWith(base)) return void res.writeHead(404).end();
    let file = path.join(dist, url.slice(base.length));
    if (existsSync(file) && statSync(file).isDirectory()) file = path.join(file, 'index.html');
    if (!existsSync(file)) return void res.writeHead(404).end('not found');
    res.writeHead(200, { 'Content-Type': MIME[path.extname(file)] ?? 'application/octet-stream' }).end(readFileSync(file));
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => {
    const address = server.address();
    resolve({ server, origin: `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}` });
  }));
}

export interface PageReport {
  bytes: number;
  byType: Record<string, number>;
  requests: number;
  failed: string[];
  violations: { id: string; impact: string | null | undefined; nodes: number; help: string }[];
}

export async function measurePage(origin: string, pagePath: string, screenshot?: string): Promise<PageReport> {
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: ['--no-sandbox'] });
  try {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const byType: Record<string, number> = {};
    const failed: string[] = [];
    let bytes = 0;
    let requests = 0;
    page.on('response', async (response) => {
      if (response.status() >= 400) failed.push(`${response.status()} ${response.url()}`);
      const body = await response.body().catch(() => Buffer.alloc(0));
      const type = response.request().resourceType();
      byType[type] = (byType[type] ?? 0) + body.length;
      bytes += body.length;
      requests++;
    });
    page.on('pageerror', (error) => failed.push(`pageerror ${error.message}`));
    await page.goto(origin + pagePath, { waitUntil: 'networkidle' });
    // Scroll through the page so every lazy image and chart loads.
    await page.evaluate(async () => {
      for (let y = 0; y < document.body.scrollHeight; y += 600) {
        window.scrollTo(0, y);
        await new Promise((r) => setTimeout(r, 60));
      }
    });
    await page.waitForLoadState('networkidle');
    await page.waitForTimeout(500);
    if (screenshot) await page.screenshot({ path: screenshot, fullPage: true });
    await page.addScriptTag({ path: path.resolve('node_modules/axe-core/axe.min.js') });
    const result = (await page.evaluate(() => (window as unknown as { axe: { run: () => Promise<unknown> } }).axe.run())) as {
      violations: { id: string; impact?: string | null; nodes: unknown[]; help: string }[];
    };
    return {
      bytes, byType, requests, failed,
      violations: result.violations.map((v) => ({ id: v.id, impact: v.impact, nodes: v.nodes.length, help: v.help })),
    };
  } finally {
    await browser.close();
  }
}

export interface InteractionReport {
  charts: number;
  enhancedCharts: number;
  tooltip: boolean;
  /** Gallery image src before and after choosing another sample in the picker. */
  gallerySrc: [string | null, string | null];
  zoom: string;
}

/** Exercises the article: vega-embed takes over the charts, the picker switches galleries, a channel zooms. */
export async function checkArticleInteractions(origin: string, pagePath: string): Promise<InteractionReport> {
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: ['--no-sandbox'] });
  try {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await page.goto(origin + pagePath, { waitUntil: 'networkidle' });
    await page.evaluate(async () => {
      for (let y = 0; y < document.body.scrollHeight; y += 600) {
        window.scrollTo(0, y);
        await new Promise((r) => setTimeout(r, 60));
      }
    });
    await page.waitForLoadState('networkidle');
    await page.waitForTimeout(800);
    const charts = await page.locator('figure[data-chart]').count();
    const enhancedCharts = await page.locator('figure[data-chart][data-enhanced="true"]').count();
    const gallery = page.locator('figure[data-gallery]').first();
    const before = await gallery.locator('img').getAttribute('src');
    await page.locator('[data-sample-picker] button[aria-pressed="false"]').first().click();
    const after = await gallery.locator('img').getAttribute('src');
    await gallery.locator('.tile').first().click();
    await page.locator('dialog.zoom dd').first().waitFor({ timeout: 5000 });
    const zoom = (await page.locator('dialog.zoom').innerText()).replace(/\s+/g, ' ').trim();
    await page.keyboard.press('Escape');
    const symbol = page.locator('figure[data-enhanced="true"] .mark-symbol path, figure[data-enhanced="true"] .mark-rect path').first();
    await symbol.scrollIntoViewIfNeeded();
    await symbol.hover({ force: true });
    await page.waitForTimeout(300);
    const tooltip = await page.locator('#vg-tooltip-element').isVisible().catch(() => false);
    return { charts, enhancedCharts, tooltip, gallerySrc: [before, after], zoom };
  } finally {
    await browser.close();
  }
}

if (process.argv[1] && import.meta.url.endsWith(path.basename(process.argv[1]))) {
  const args = process.argv.slice(2);
  const flag = (name: string) => args.find((a) => a.startsWith(`--${name}=`))?.split('=')[1];
  const [dist = 'dist', pagePath = '/en/'] = args.filter((a) => !a.startsWith('--'));
  const base = flag('base') ?? '/';
  const { server, origin } = await serveDist(path.resolve(dist), base);
  try {
    const report = await measurePage(origin, pagePath, flag('screenshot'));
    console.log(JSON.stringify(report, null, 2));
    if (args.includes('--interact')) console.log(JSON.stringify(await checkArticleInteractions(origin, pagePath), null, 2));
  } finally {
    server.close();
  }
}
