import { chromium } from 'playwright-core';
import { serveStatic } from './test/e2e/staticServer';
import { headersForAllPaths } from './test/e2e/headersFile';
const dist = '/tmp/look/dist';
const site = await serveStatic(dist, '/cnn-report/', await headersForAllPaths(dist + '/_headers'));
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--headless'] });
const mode = process.argv[2];
const pages = ['', 'explore/', 'model/', 'training/', 'errors/', 'explanations/', 'channels/', 'about/'];
for (const lang of ['en', 'zh']) for (const p of pages) {
  const ctx = await browser.newContext({ javaScriptEnabled: mode !== 'nojs', viewport: { width: mode === 'phone' ? 375 : 1200, height: 800 } });
  const page = await ctx.newPage();
  await page.goto(`${site.url}${lang}/${p}`);
  if (mode === 'nojs') {
    const r = await page.$$eval('button, input, select, details, .hint, canvas, meter, output', (els) => els.filter((e) => (e as HTMLElement).checkVisibility()).map((e) => `${e.tagName.toLowerCase()}.${e.className}:${(e.textContent ?? '').trim().slice(0, 40)}`));
    console.log(lang, p, JSON.stringify([...new Set(r)]).slice(0, 900));
  } else if (mode === 'phone') {
    await page.evaluate(async () => { for (let y = 0; y < document.body.scrollHeight; y += 500) { scrollTo(0, y); await new Promise((r) => setTimeout(r, 100)); } });
    await page.waitForTimeout(3000);
    const r = await page.$$eval('figure[data-chart]', (fs) => fs.map((f) => { const svg = f.querySelector('svg')!; const texts = [...f.querySelectorAll('svg text')]; const min = Math.min(...texts.map((t) => t.getBoundingClientRect().height)); return `${f.getAttribute('data-chart')} enh=${(f as HTMLElement).dataset.enhanced} svgW=${svg.getBoundingClientRect().width.toFixed(0)} attrW=${svg.getAttribute('width')} minTextH=${min.toFixed(1)}`; }));
    console.log(lang, p, r.join(' | '));
  }
  await ctx.close();
}
await browser.close(); await site.close();
