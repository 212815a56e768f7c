// The report on a colour image folder in a browser (issue #21): a small folder of three classes of coloured
// shapes (shapesFolder.ts, made by the test), built as a user would (`npm run build -- --data-dir DIR
// --preset quick`). The pictures stay in colour (input tiles, class examples, first-layer kernels), the
// classes are named by their folders on every page, and the Chinese pages show those names with a note,
// since the folder gives no Chinese ones.
import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { loadImage, createCanvas } from '@napi-rs/canvas';
import type { BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Manifest, VisualIndex } from '../../pipeline/artifacts/types';
import { VISUAL_INDEX_PATH } from '../../pipeline/visualize/runVisualize';
import { launchChromium } from './browser';
import { buildAsUser } from './buildAsUser';
import { explorerTests } from './explorer';
import { ownDataExplorerTests } from './explorerOwnData';
import { ownDataPageTests } from './ownDataPages';
import { SHAPE_CLASSES, writeShapesFolder } from './shapesFolder';
import type { serveStatic } from './staticServer';

const BASE = '/shapes/';

let work: string;
let site: Awaited<ReturnType<typeof serveStatic>>;
let browser: BrowserContext;

/** Share of a PNG's pixels whose red, green and blue are not all equal. */
async function colourShare(file: string): Promise<number> {
  const image = await loadImage(await readFile(file));
  const canvas = createCanvas(image.width, image.height);
  const g = canvas.getContext('2d');
  g.drawImage(image, 0, 0);
  const { data } = g.getImageData(0, 0, image.width, image.height);
  let colour = 0;
  for (let p = 0; p < data.length; p += 4) if (data[p] !== data[p + 1] || data[p + 1] !== data[p + 2]) colour++;
  return colour / (data.length / 4);
}

describe('the report on a colour image folder in a browser', () => {
  beforeAll(async () => {
    const folder = await writeShapesFolder(await mkdtemp(path.join(tmpdir(), 'shapes-')));
    ({ work, site } = await buildAsUser('e2e-shapes-', BASE, ['--data-dir', folder]));
    browser = await launchChromium();
  }, 600_000);

  afterAll(async () => {
    await browser?.close();
    await site?.close();
  });

  it('reads the folder as three colour classes named by their folders, English only', async () => {
    const manifest = JSON.parse(await readFile(path.join(work, 'artifacts', 'manifest.json'), 'utf8')) as Manifest;
    expect(manifest.data).toMatchObject({ format: 'folder', channels: 3, height: 28, width: 28, known: null });
    expect(manifest.data.classes).toMatchObject({ en: [...SHAPE_CLASSES], zh: [...SHAPE_CLASSES], source: 'folders', zhFromEnglish: true, noun: 'image' });
    expect(manifest.model.input.channels).toBe(3);
    expect(manifest.model.classes).toBe(3);
  });

  it('keeps the colour in the input tiles, the class examples and the first layer’s kernels', async () => {
    const artifacts = path.join(work, 'artifacts');
    const visuals = JSON.parse(await readFile(path.join(artifacts, VISUAL_INDEX_PATH), 'utf8')) as VisualIndex;
    expect(visuals.classExamples?.map((c) => c.label)).toEqual([0, 1, 2]);
    const pictures = [visuals.samples[0].input, ...(visuals.classExamples ?? []).map((c) => c.image), visuals.filters.grid];
    for (const picture of pictures) expect(await colourShare(path.join(artifacts, picture)), picture).toBeGreaterThan(0.2);
  });

  ownDataPageTests(() => ({ site, browser }), { en: SHAPE_CLASSES, zh: SHAPE_CLASSES });

  // A colour model: no drawing pad; test images and your own picture instead, and the build's parity.
  const env = () => ({ site, browser, artifactsDir: path.join(work, 'artifacts') });
  ownDataExplorerTests(env, { names: { en: SHAPE_CLASSES, zh: SHAPE_CLASSES }, pad: 'none' });
  explorerTests(env);
});
