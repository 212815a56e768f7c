// The report of an imported model in a browser: `npm run build -- --model` on the real Keras 2.10 file
// (../shared/keras-models, or KERAS_MODELS_DIR; skipped without it), every page of both languages with
// every image loaded and no console error or CSP violation, no fact of the tutorial's network on any
// page, and the live explorer's parity with the build (the same checks the tutorial's build passes).
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Manifest } from '../../pipeline/artifacts/types';
import { launchChromium } from './browser';
import { explorerTests } from './explorer';
import { buildAsUser } from './buildAsUser';
import type { serveStatic } from './staticServer';
import { scrollThrough as loadAllImages, visit } from './visit';

const repoRoot = path.resolve(import.meta.dirname, '../..');
const modelsDir = [process.env.KERAS_MODELS_DIR, path.resolve(repoRoot, '../shared/keras-models')].find((d) => d && existsSync(path.join(d, 'keras2.10-sequential-activations.h5')));
const BASE = '/imported/';
const PAGES = ['', 'explore/', 'model/', 'training/', 'errors/', 'explanations/', 'channels/', 'about/'];
/** Facts of the tutorial's network that no page of another model may state. */
const TUTORIAL_FACTS = ['110,474', '32, 64, 128', '32、64、128', '73,728', 'conv2d_2', 'max_pooling2d_2', 'three blocks', '26, 13, 11'];

let work: string;
let site: Awaited<ReturnType<typeof serveStatic>>;
let browser: BrowserContext;

describe.skipIf(!modelsDir)(`the report of an imported Keras model in a browser${modelsDir ? '' : ' (skipped: no ../shared/keras-models; set KERAS_MODELS_DIR)'}`, () => {
  beforeAll(async () => {
    ({ work, site } = await buildAsUser('e2e-imported-', BASE, ['--model', path.join(modelsDir!, 'keras2.10-sequential-activations.h5')]));
    browser = await launchChromium();
  }, 600_000);

  afterAll(async () => {
    await browser?.close();
    await site?.close();
  });

  for (const code of ['en', 'zh']) {
    for (const p of PAGES) {
      it(`renders /${code}/${p} with every image, no errors, and no fact of the tutorial's network`, async () => {
        const { page, problems } = await visit(browser, `${site.url}${code}/${p}`);
        await loadAllImages(page);
        const text = await page.evaluate(() => document.body.innerText);
        for (const fact of TUTORIAL_FACTS) expect(text, fact).not.toContain(fact);
        expect(problems).toEqual([]);
        await page.close();
      }, 120_000);
    }
  }

  it('gives every visualized layer of the model its gallery on the article, in both languages', async () => {
    const manifest = JSON.parse(await readFile(path.join(work, 'artifacts', 'manifest.json'), 'utf8')) as Manifest;
    for (const code of ['en', 'zh']) {
      const { page } = await visit(browser, `${site.url}${code}/`);
      const layers = await page.$$eval('figure[data-gallery]', (els) => els.map((e) => e.getAttribute('data-gallery')));
      for (const layer of manifest.model.visualized) expect(layers, `${code}: ${layer}`).toContain(layer);
      await page.close();
    }
  }, 120_000);

  explorerTests(() => ({ site, browser, artifactsDir: path.join(work, 'artifacts') }));
});
