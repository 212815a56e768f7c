import type { BrowserContext, Page } from 'playwright-core';

export interface Visit {
  page: Page;
  /** Console errors, page errors, failed or 4xx/5xx requests, CSP violations and requests to another origin. */
  problems: string[];
  /** The response headers of the page itself. */
  headers: Record<string, string>;
  /** Bytes received so far (HTML, CSS, JS, images, data), updated as the page loads more. */
  bytes: () => number;
  /** The URLs of the successful responses so far, in the order they arrived. */
  urls: () => string[];
}

const WEB_PROTOCOLS = new Set(['http:', 'https:', 'ws:', 'wss:']);

/**
 * Opens a page and records, while it is used, everything a reader should never meet: console errors,
 * page errors, failed requests, Content-Security-Policy violations (the `securitypolicyviolation` events
 * the page sees, reported from an init script) and any request to an origin other than the site's.
 */
export async function visit(browser: BrowserContext, url: string): Promise<Visit> {
  const page = await browser.newPage();
  const problems: string[] = [];
  const origin = new URL(url).origin;
  await page.exposeFunction('__reportCspViolation', (text: string) => problems.push(`CSP violation: ${text}`));
  await page.addInitScript(() => {
    document.addEventListener(
      'securitypolicyviolation',
      (e) => {
        const report = (window as unknown as { __reportCspViolation: (t: string) => void }).__reportCspViolation;
        void report(`${e.effectiveDirective} blocked ${e.blockedURI || '(inline)'} at ${e.sourceFile || document.URL}:${e.lineNumber}`);
      },
      true,
    );
  });
  page.on('console', (m) => m.type() === 'error' && problems.push(`console: ${m.text()}`));
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  page.on('requestfailed', (r) => problems.push(`request failed: ${r.url()} ${r.failure()?.errorText}`));
  page.on('request', (r) => {
    const target = new URL(r.url());
    if (WEB_PROTOCOLS.has(target.protocol) && target.origin !== origin) problems.push(`request to another origin: ${r.url()}`);
  });
  let bytes = 0;
  const urls: string[] = [];
  page.on('response', (r) => {
    if (r.status() >= 400) problems.push(`HTTP ${r.status()}: ${r.url()}`);
    else {
      urls.push(r.url());
      r.body().then((b) => (bytes += b.length), () => {});
    }
  });
  const response = await page.goto(url, { waitUntil: 'load' });
  if (response?.status() !== 200) throw new Error(`${url}: HTTP ${response?.status()}`);
  return { page, problems, headers: response.headers(), bytes: () => bytes, urls: () => [...urls] };
}

/**
 * Scrolls through the page so lazy images and charts load, then waits (at most `timeout` ms) for every image
 * to settle: a lazy image that never starts (e.g. inside an element a blocked script should have shown)
 * must not hang the test; the callers' image checks report it.
 */
export async function scrollThrough(page: Page, timeout = 10_000): Promise<void> {
  await page.evaluate(async (limit) => {
    for (let y = 0; y < document.body.scrollHeight; y += 600) {
      window.scrollTo(0, y);
      await new Promise((r) => setTimeout(r, 30));
    }
    const settled = Promise.all([...document.images].map((img) => (img.complete ? null : new Promise((r) => { img.onload = img.onerror = r; }))));
    await Promise.race([settled, new Promise((r) => setTimeout(r, limit))]);
  }, timeout);
}
