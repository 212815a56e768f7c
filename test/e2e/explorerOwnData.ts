// Browser checks of the live explorer on a report of any data (issue #21), as functions a build's test
// calls on an open explore page (openExplorer), plus ownDataExplorerTests, which registers them for both
// languages. What they check: the bars carry the class names of the page's language; the pad is there
// with the rule the data calls for (MNIST's only for MNIST-like data) or absent for a colour model; a
// test image is named by its class; a picture uploaded through the file input or dropped on the
// controls is fitted as the build fits pictures (the preview against fitImage in Node, within a level)
// and the prediction line names a class; a file that is no picture is refused in the page's language.
import { createCanvas } from '@napi-rs/canvas';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { expect, it } from 'vitest';
import type { PredictionsIndex } from '../../pipeline/artifacts/types';
import { fitImage } from '../../shared/data/fitImage';
import type { ExplorerData } from '../../site/lib/directives/explorer';
import { fillTemplate } from '../../site/lib/fillTemplate';
import { decodeAsBuild } from './decodeAsBuild';
import { afterUpdate, EXPLORER, openExplorer, showTestImage, type ExplorerEnv } from './explorerPage';
import { axeViolations } from './pageTools';

export interface PictureFile {
  name: string;
  mimeType: string;
  buffer: Buffer;
}

export type PadExpectation = 'none' | 'mnist' | 'fit';

/** A 45×30 colour picture with a transparent corner and a half-transparent band: something for the fitting rule to do. */
export async function samplePicture(name = 'my-picture.png'): Promise<PictureFile> {
  const canvas = createCanvas(45, 30);
  const g = canvas.getContext('2d');
  const gradient = g.createLinearGradient(0, 0, 45, 0);
  gradient.addColorStop(0, '#e03a3a');
  gradient.addColorStop(1, '#1c6fd1');
  g.fillStyle = gradient;
  g.fillRect(0, 0, 45, 30);
  g.fillStyle = 'rgba(250, 240, 40, 0.5)';
  g.fillRect(0, 12, 45, 6);
  g.clearRect(0, 0, 10, 8);
  g.fillStyle = '#2f9e44';
  g.beginPath();
  g.arc(24, 15, 7, 0, Math.PI * 2);
  g.fill();
  return { name, mimeType: 'image/png', buffer: await canvas.encode('png') };
}

/** The page's own data island (what the script reads). */
export async function explorerData(page: Page): Promise<ExplorerData> {
  return JSON.parse((await page.textContent('script[data-explorer-data]')) ?? 'null') as ExplorerData;
}

const status = async (page: Page) => (await page.textContent('[data-status]')) ?? '';

/** The bars' labels, in order, are `names`, and each meter is labelled by its name. */
export async function checkBarsNamed(page: Page, names: readonly string[]): Promise<void> {
  const bars = await page.$$eval('meter[data-bar]', (els) => els.map((m) => document.getElementById(m.getAttribute('aria-labelledby') ?? '')?.textContent ?? null));
  expect(bars).toEqual([...names]);
}

/** 'none': no pad and none of its controls (a colour model); else the pad is there with this rule. */
export async function checkPadOffered(page: Page, expected: PadExpectation): Promise<void> {
  const controls = await page.locator('[data-explorer] :is(canvas[data-pad], input[data-brush], button[data-undo], button[data-clear])').count();
  if (expected === 'none') {
    expect(controls, 'pad controls on the page').toBe(0);
    expect((await explorerData(page)).pad).toBeNull();
    return;
  }
  expect(controls).toBe(4);
  expect(await page.getAttribute('[data-pad-rule]', 'data-pad-rule')).toBe(expected);
}

/** Test image `index` shown: the status names its true class (`names[label]`) and the predicted one. */
export async function checkTestImageNamed(page: Page, index: number, label: number, names: readonly string[]): Promise<void> {
  await showTestImage(page, index);
  expect(await page.getAttribute(EXPLORER, 'data-input-source')).toBe('test');
  const text = await status(page);
  expect(text).toContain(String(index));
  expect(text).toContain(names[label]);
  expect(text).toContain(names[Number(await page.getAttribute(EXPLORER, 'data-predicted'))]);
}

/**
 * The largest difference, in 8-bit levels, between the preview canvas (the network's input) and the
 * build's fitImage of the same file decoded in Node. The preview draws each input value round(v · 255)
 * over scale × scale pixels; the browser's and the build's values differ by under 1/255, so by ≤ 1 level.
 */
export async function previewDifference(page: Page, picture: PictureFile): Promise<number> {
  const { input } = (await explorerData(page)).network;
  const channels = input.channels === 3 ? 3 : 1;
  const expected = fitImage(await decodeAsBuild(picture.buffer), { height: input.height, width: input.width, channels });
  const shown = await page.$eval('canvas[data-preview]', (el, { height, width }) => {
    const c = el as HTMLCanvasElement;
    const scale = Math.max(1, Math.floor(c.width / Math.max(width, height)));
    const d = (c.getContext('2d') as CanvasRenderingContext2D).getImageData(0, 0, c.width, c.height).data;
    const rgb: number[] = [];
    for (let y = 0; y < height; y++) for (let x = 0; x < width; x++) { const p = (y * scale * c.width + x * scale) * 4; rgb.push(d[p], d[p + 1], d[p + 2]); }
    return rgb;
  }, input);
  let worst = 0;
  for (let p = 0; p < input.height * input.width; p++) {
    for (let k = 0; k < 3; k++) worst = Math.max(worst, Math.abs(shown[p * 3 + k] - Math.round(expected[p * channels + (channels === 3 ? k : 0)] * 255)));
  }
  return worst;
}

/** After a picture was given: the explorer shows it, fitted as the build would, and names a class of `names` for it. */
async function checkPictureShown(page: Page, picture: PictureFile, names: readonly string[]): Promise<{ predicted: number; status: string }> {
  await page.waitForFunction(() => document.querySelector('[data-explorer]')?.getAttribute('data-input-source') === 'picture', null, { timeout: 20_000 });
  const predicted = Number(await page.getAttribute(EXPLORER, 'data-predicted'));
  expect(names[predicted], `predicted index ${predicted}`).toBeDefined();
  const text = await status(page);
  expect(text).toContain(picture.name);
  expect(text).toContain(names[predicted]);
  const p = JSON.parse((await page.getAttribute(EXPLORER, 'data-probabilities')) ?? '[]') as number[];
  expect(p).toHaveLength(names.length);
  expect(p.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 3);
  expect(await previewDifference(page, picture)).toBeLessThanOrEqual(1);
  return { predicted, status: text };
}

/** Uploads `picture` through the file input (a real, labelled control) and checks what the explorer makes of it. */
export async function checkOwnPicture(page: Page, picture: PictureFile, names: readonly string[]): Promise<{ predicted: number; status: string }> {
  const input = page.locator('input[data-own-file]');
  expect(await input.evaluate((el) => (el as HTMLInputElement).labels?.[0]?.textContent?.trim() ?? '')).not.toBe('');
  await afterUpdate(page, () => input.setInputFiles(picture));
  return checkPictureShown(page, picture, names);
}

/** Drops `picture` on the controls as a file dragged from the desktop: the status announces the drop target, then the picture is used. */
export async function checkDroppedPicture(page: Page, picture: PictureFile, names: readonly string[]): Promise<{ predicted: number; status: string }> {
  const data = await explorerData(page);
  const transfer = await page.evaluateHandle(({ bytes, name, type }) => {
    const t = new DataTransfer();
    t.items.add(new File([new Uint8Array(bytes)], name, { type }));
    return t;
  }, { bytes: [...picture.buffer], name: picture.name, type: picture.mimeType });
  await page.dispatchEvent('[data-drop-zone]', 'dragenter', { dataTransfer: transfer });
  expect(await status(page)).toBe(data.labels.ownDrop);
  expect(await page.getAttribute('[data-drop-zone]', 'data-dragging')).toBe('true');
  await afterUpdate(page, () => page.dispatchEvent('[data-drop-zone]', 'drop', { dataTransfer: transfer }));
  expect(await page.getAttribute('[data-drop-zone]', 'data-dragging')).toBeNull();
  return checkPictureShown(page, picture, names);
}

/** A file that is no picture: refused with a sentence in the page's language naming it; the input stays as it was. */
export async function checkPictureRefused(page: Page): Promise<string> {
  const before = await page.getAttribute(EXPLORER, 'data-input-source');
  const { labels } = await explorerData(page);
  await page.locator('input[data-own-file]').setInputFiles({ name: 'notes.txt', mimeType: 'text/plain', buffer: Buffer.from('not a picture') });
  await page.waitForFunction(() => document.querySelector('[data-explorer]')?.getAttribute('data-picture-problem') === 'unreadable', null, { timeout: 20_000 });
  const text = await status(page);
  expect(text).toContain('notes.txt');
  // The page's sentence up to the browser's own reason (whose wording is the browser's).
  expect(text.startsWith(fillTemplate(labels.pictureUnreadable.split('{message}')[0], { name: 'notes.txt' }))).toBe(true);
  expect(await page.getAttribute(EXPLORER, 'data-input-source')).toBe(before);
  return text;
}

export interface OwnDataExplorerOptions {
  /** Class names per language, as the manifest records them. */
  names: Record<'en' | 'zh', readonly string[]>;
  pad: PadExpectation;
  /** The picture to upload and drop (default: samplePicture()). */
  picture?: () => Promise<PictureFile>;
}

/** Registers the checks above for /en/explore/ and /zh/explore/ of a built report (no errors, axe clean). */
export function ownDataExplorerTests(env: () => ExplorerEnv, options: OwnDataExplorerOptions): void {
  for (const lang of ['en', 'zh'] as const) {
    it(`explorer /${lang}/ on this data: named bars, the ${options.pad === 'none' ? 'absent' : options.pad} pad, a named test image, your own picture uploaded and dropped, a non-picture refused`, async () => {
      const names = options.names[lang];
      const predictions = JSON.parse(await readFile(path.join(env().artifactsDir, 'predictions.json'), 'utf8')) as PredictionsIndex;
      const { page, problems } = await openExplorer(env(), lang);
      await checkBarsNamed(page, names);
      await checkPadOffered(page, options.pad);
      await checkTestImageNamed(page, 1, predictions.labels[1], names);
      const picture = await (options.picture ?? samplePicture)();
      await checkOwnPicture(page, picture, names);
      await showTestImage(page, 2);
      await checkDroppedPicture(page, { ...picture, name: `dropped-${picture.name}` }, names);
      await checkPictureRefused(page);
      expect(await axeViolations(page)).toEqual([]);
      expect(problems).toEqual([]);
      await page.close();
    }, 120_000);
  }
}
