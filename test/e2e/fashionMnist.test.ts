// The report on Fashion-MNIST in a browser (issue #21): `npm run build -- --data-dir` on Debian's
// dataset-fashion-mnist (.ci/run installs it; skipped, saying so, without it). The data set is recognised by
// its checksums and gets its ten class names in both languages; no page calls a garment a digit.
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Manifest } from '../../pipeline/artifacts/types';
import { FASHION_MNIST_CLASS_NAMES } from '../../shared/data/classes';
import { launchChromium } from './browser';
import { buildAsUser } from './buildAsUser';
import { explorerTests } from './explorer';
import { ownDataExplorerTests } from './explorerOwnData';
import { ownDataPageTests } from './ownDataPages';
import type { serveStatic } from './staticServer';

const FASHION_DIR = process.env.FASHION_MNIST_DIR ?? '/usr/share/datasets/fashion-mnist';
const available = existsSync(path.join(FASHION_DIR, 'train-images-idx3-ubyte.gz')) || existsSync(path.join(FASHION_DIR, 'train-images-idx3-ubyte'));
const BASE = '/fashion/';

let work: string;
let site: Awaited<ReturnType<typeof serveStatic>>;
let browser: BrowserContext;

describe.skipIf(!available)(`the report on Fashion-MNIST in a browser${available ? '' : ` (skipped: no Fashion-MNIST in ${FASHION_DIR}; apt-get install dataset-fashion-mnist)`}`, () => {
  beforeAll(async () => {
    ({ work, site } = await buildAsUser('e2e-fashion-', BASE, ['--data-dir', FASHION_DIR]));
    browser = await launchChromium();
  }, 600_000);

  afterAll(async () => {
    await browser?.close();
    await site?.close();
  });

  it('recognises the files as Fashion-MNIST and records its class names in both languages', async () => {
    const manifest = JSON.parse(await readFile(path.join(work, 'artifacts', 'manifest.json'), 'utf8')) as Manifest;
    expect(manifest.data.known).toBe('fashion-mnist');
    expect(manifest.data.classes).toMatchObject({ source: 'fashion-mnist', noun: 'image', zhFromEnglish: false, en: FASHION_MNIST_CLASS_NAMES.map((c) => c.en), zh: FASHION_MNIST_CLASS_NAMES.map((c) => c.zh) });
    expect(manifest.model.classes).toBe(10);
  });

  const names = { en: FASHION_MNIST_CLASS_NAMES.map((c) => c.en), zh: FASHION_MNIST_CLASS_NAMES.map((c) => c.zh) };
  ownDataPageTests(() => ({ site, browser }), names);

  // Greyscale but not digits: the pad stays, its drawing fitted by the build's rule rather than MNIST's preprocessing.
  const env = () => ({ site, browser, artifactsDir: path.join(work, 'artifacts') });
  ownDataExplorerTests(env, { names, pad: 'fit' });
  explorerTests(env);
});
