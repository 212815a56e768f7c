// "Use your own picture" in Chromium against the build (issue #21): the explorer's decodePicture +
// fitImage (site/scripts/explore/picture.ts, bundled for the page as the site bundles it) on a PNG
// made here (non-square, with transparency and colour) gives the values the build gets from the same
// bytes decoded in Node the way pipeline/data/imageFolder decodes them (sharp: orientation, sRGB,
// straight alpha) and fitted with the same fitImage. The browser's canvas stores colours premultiplied,
// so the two may differ by two roundings of at most half a level each: within 1/255. Also: a file that is no picture, and one over the limit.
import { createCanvas } from '@napi-rs/canvas';
import { build } from 'esbuild';
import path from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fitImage, type FitTarget } from '../../shared/data/fitImage';
import { launchChromium } from './browser';
import { decodeAsBuild } from './decodeAsBuild';

const repoRoot = path.resolve(import.meta.dirname, '../..');

/** A 61×37 picture: a colour gradient, a half-transparent disc, a fully transparent strip and an opaque square. */
async function testPng(): Promise<Buffer> {
  const canvas = createCanvas(61, 37);
  const g = canvas.getContext('2d');
  const gradient = g.createLinearGradient(0, 0, 61, 37);
  gradient.addColorStop(0, 'rgb(250, 30, 10)');
  gradient.addColorStop(0.5, 'rgba(20, 200, 90, 0.8)');
  gradient.addColorStop(1, 'rgba(10, 40, 240, 0.35)');
  g.fillStyle = gradient;
  g.fillRect(0, 0, 61, 37);
  g.fillStyle = 'rgba(255, 220, 0, 0.5)';
  g.beginPath();
  g.arc(30, 18, 12, 0, Math.PI * 2);
  g.fill();
  g.clearRect(0, 30, 61, 4);
  g.fillStyle = '#7f3fbf';
  g.fillRect(4, 4, 9, 7);
  return canvas.encode('png');
}

/**
 * A 53×29 PNG of pseudo-random straight RGBA (every alpha from 0 to 255): colours a premultiplied canvas
 * cannot hold exactly, so the browser's rounding shows (the canvas-made PNG above survives it unchanged).
 */
async function noisePng(): Promise<Buffer> {
  const width = 53;
  const height = 29;
  const raw = Buffer.alloc(width * height * 4);
  let a = 12345;
  for (let i = 0; i < raw.length; i++) {
    a = (Math.imul(a, 1103515245) + 12345) >>> 0;
    raw[i] = a >>> 24;
  }
  return sharp(raw, { raw: { width, height, channels: 4 } }).png().toBuffer();
}

/** site/scripts/explore/picture.ts as one script for the page (what Vite makes of it for the site, without the rest). */
async function pictureScript(): Promise<string> {
  const out = await build({
    stdin: { contents: "import * as p from './site/scripts/explore/picture'; (globalThis as any).explorerPicture = p;", resolveDir: repoRoot, loader: 'ts' },
    bundle: true, format: 'iife', write: false, platform: 'browser', target: 'es2022',
  });
  return out.outputFiles[0].text;
}

let browser: BrowserContext;
let page: Page;

/** Runs the explorer's pictureToModelInput in the page on these bytes; a PictureError comes back as its problem. */
function inBrowser(bytes: Uint8Array, target: FitTarget, type = 'image/png', maxSide?: number) {
  return page.evaluate(async ({ bytes, target, type, maxSide }) => {
    const p = (globalThis as unknown as { explorerPicture: typeof import('../../site/scripts/explore/picture') }).explorerPicture;
    const file = new File([new Uint8Array(bytes)], 'test-picture', { type });
    try {
      return { values: Array.from(await p.pictureToModelInput(file, target, maxSide)) };
    } catch (e) {
      return { problem: e instanceof p.PictureError ? e.problem : { kind: 'other', message: String(e) } };
    }
  }, { bytes: Array.from(bytes), target, type, maxSide });
}

describe('the explorer’s own picture in Chromium, against the build', () => {
  beforeAll(async () => {
    browser = await launchChromium();
    page = await browser.newPage();
    await page.goto('about:blank');
    await page.addScriptTag({ content: await pictureScript() });
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
  });

  const targets: FitTarget[] = [
    { height: 28, width: 28, channels: 1 },
    { height: 32, width: 32, channels: 3 },
    { height: 20, width: 40, channels: 3 },
    { height: 48, width: 36, channels: 1 },
  ];
  for (const [name, make] of [['a 61×37 canvas-drawn PNG with transparency', testPng], ['a 53×29 PNG of random straight RGBA', noisePng]] as const) for (const target of targets) {
    it(`gives the build’s values (within 1/255) for ${name} fitted to ${target.height}×${target.width}×${target.channels}`, async () => {
      const png = await make();
      const expected = fitImage(await decodeAsBuild(png), target);
      const live = await inBrowser(png, target);
      expect(live.problem).toBeUndefined();
      const values = live.values as number[];
      expect(values).toHaveLength(expected.length);
      // Both sides round to byte levels (fitImage's rule 5): compare the levels, so float32's k/255 cannot blur the bound.
      const worst = Math.max(...values.map((v, i) => Math.abs(Math.round(v * 255) - Math.round(expected[i] * 255))));
      console.log(`${name}, ${target.height}×${target.width}×${target.channels}: largest difference ${worst} level(s) of 255`);
      expect(worst).toBeLessThanOrEqual(1);
      // Not trivially equal: the picture has dark (transparent) and bright parts in the fitted input.
      expect(Math.max(...expected) - Math.min(...expected)).toBeGreaterThan(0.5);
    }, 30_000);
  }

  it('names a file that is no picture as unreadable', async () => {
    const live = await inBrowser(new TextEncoder().encode('just some notes, not a picture'), targets[0], 'text/plain');
    expect(live.problem).toMatchObject({ kind: 'unreadable', name: 'test-picture' });
  });

  it('refuses a picture with more pixels than the limit, giving its size', async () => {
    const live = await inBrowser(await testPng(), targets[0], 'image/png', 40);
    expect(live.problem).toEqual({ kind: 'tooBig', name: 'test-picture', width: 61, height: 37, side: 40 });
  });
});
