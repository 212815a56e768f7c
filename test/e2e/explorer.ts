// Browser tests of the live explorer (/en/explore/, /zh/explore/), registered inside site.test.ts so
// they share its quick build. Parity: the explorer's grids against the build's PNGs, and its
// probabilities against the same saved model run in Node. The model's input, classes and layers come
// from the manifest's description, so the same tests hold for an imported model.
import '@tensorflow/tfjs-backend-cpu';
import * as tf from '@tensorflow/tfjs-core';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { expect, it } from 'vitest';
import { loadSavedModel } from '../../pipeline/artifacts/saveModel';
import { readTestImage, testImageShardPath } from '../../shared/mnist/testImageShards';
import type { Manifest, PredictionsIndex, VisualIndex } from '../../pipeline/artifacts/types';
import { inputSize, type ModelDescription } from '../../pipeline/model/description';
import { drawingToModelInput, greyOnPad, modelInputToGrey, toModelScale } from '../../site/scripts/explore/modelInput';
import { explorerPad } from '../../site/lib/explore/explorerInput';
import { afterUpdate, EXPLORER, gridDifferences, median, openExplorer, showTestImage, type ExplorerEnv } from './explorerPage';
import { axeViolations, loadAllImages, openPage } from './pageTools';

const hasPad = async (page: Page) => (await page.locator('canvas[data-pad]').count()) > 0;

export function explorerTests(env: () => ExplorerEnv): void {
  const readJson = async <T>(rel: string): Promise<T> => JSON.parse(await readFile(path.join(env().artifactsDir, rel), 'utf8')) as T;
  const described = async () => (await readJson<Manifest>('manifest.json')).model;
  const testImage = async (index: number, model: ModelDescription) =>
    readTestImage(new Uint8Array(await readFile(path.join(env().artifactsDir, testImageShardPath(index)))), index, inputSize(model.input));
  /** The saved model's class probabilities for [0, 1] pixels, as the explorer reads them (outputs without a softmax are logits). */
  const nodeProbabilities = (saved: Awaited<ReturnType<typeof loadSavedModel>>, pixels: Float32Array, model: ModelDescription) => tf.tidy(() => {
    const { height, width, channels, scale } = model.input;
    const out = saved.predict(tf.tensor4d(toModelScale(pixels, scale), [1, height, width, channels])) as tf.Tensor2D;
    return (model.softmax === 'none' ? tf.softmax(out) : out).dataSync();
  });

  it('explorer: the sample test images give the build’s grid pixels (levels within 1) and Node’s probabilities (within 1e-4)', async () => {
    const visuals = await readJson<VisualIndex>('visuals/visuals.json');
    const model = await described();
    const saved = await loadSavedModel(path.join(env().artifactsDir, 'model'));
    const { page, problems } = await openExplorer(env(), 'en');
    const base = new URL(env().site.url).pathname;
    const stored255 = new Uint8Array(await readFile(path.join(env().artifactsDir, 'probabilities.u8')));
    let worstLevel = 0;
    let worstRgb = 0;
    let worstProbability = 0;
    for (const sample of visuals.samples) {
      await showTestImage(page, sample.index);
      const pngs = Object.fromEntries(visuals.grids.filter((g) => g.sample === sample.index).map((g) => [g.layer, `${base}artifacts/${g.path}`]));
      expect(Object.keys(pngs)).toHaveLength(model.visualized.length);
      const differences = await gridDifferences(page, pngs);
      const levels = Object.values(differences).map((d) => d.level);
      worstLevel = Math.max(worstLevel, ...levels);
      worstRgb = Math.max(worstRgb, ...Object.values(differences).map((d) => d.rgb));
      expect(Math.max(...levels), `test image ${sample.index}: ${JSON.stringify(differences)}`).toBeLessThanOrEqual(1);
      const live = JSON.parse((await page.getAttribute(EXPLORER, 'data-probabilities')) ?? '[]') as number[];
      const { pixels } = await testImage(sample.index, model);
      const node = nodeProbabilities(saved, pixels, model);
      const diff = Math.max(...live.map((p, d) => Math.abs(p - node[d])));
      worstProbability = Math.max(worstProbability, diff);
      expect(diff, `test image ${sample.index}`).toBeLessThanOrEqual(1e-4);
      // And against the build's own stored probabilities (wasm backend, p·255 rounded to a byte).
      const stored = stored255.subarray(sample.index * model.classes, (sample.index + 1) * model.classes);
      expect(Math.max(...live.map((p, d) => Math.abs(p * 255 - stored[d]))), `test image ${sample.index} vs probabilities.u8`).toBeLessThanOrEqual(0.51);
    }
    console.log(`explorer parity over ${visuals.samples.length} test images × ${model.visualized.length} layers: largest grid difference ${worstLevel} level(s) (${worstRgb} in a colour channel value), largest probability difference ${worstProbability.toExponential(2)}`);
    expect(problems).toEqual([]);
    await page.close();
  }, 180_000);

  it('explorer: a test image scaled onto the pad and read back by the pad’s rule predicts as stored (Node)', async () => {
    const visuals = await readJson<VisualIndex>('visuals/visuals.json');
    const predictions = await readJson<PredictionsIndex>('predictions.json');
    const manifest = await readJson<Manifest>('manifest.json');
    const model = manifest.model;
    const pad = explorerPad(manifest.data, model.input);
    if (!pad) return; // a colour model has no pad
    const saved = await loadSavedModel(path.join(env().artifactsDir, 'model'));
    const { height, width, channels } = model.input;
    for (const { index } of visuals.samples) {
      // As the pad shows a test image and the explorer reads it back: grey on the pad, by the pad's rule, in the model's shape.
      const ink = greyOnPad(modelInputToGrey((await testImage(index, model)).pixels, channels), height, width, pad.width, pad.height);
      const input = drawingToModelInput({ width: pad.width, height: pad.height, ink }, model.input, pad.rule) as Float32Array;
      const p = nodeProbabilities(saved, input, model);
      expect(p.indexOf(Math.max(...p)), `test image ${index}`).toBe(predictions.predicted[index]);
    }
  }, 60_000);

  for (const lang of ['en', 'zh']) {
    it(`explorer /${lang}/: drawing, clear, undo, index input and previous/next work; no errors; axe clean`, async (ctx) => {
      const { page, problems } = await openExplorer(env(), lang);
      // A colour model has no pad (test/e2e/explorerOwnData.ts checks its explorer).
      if (!(await hasPad(page))) { await page.close(); ctx.skip(); }
      expect(await page.isVisible('[data-explorer-nojs]')).toBe(false);
      const firstLayer = (await described()).visualized[0];
      const snapshot = () => page.evaluate((layer) => ({
        preview: (document.querySelector('canvas[data-preview]') as HTMLCanvasElement).toDataURL(),
        grid: (document.querySelector(`canvas[data-layer="${layer}"]`) as HTMLCanvasElement).toDataURL(),
        bars: [...document.querySelectorAll('meter')].map((m) => (m as HTMLMeterElement).value),
        status: document.querySelector('[data-status]')?.textContent ?? '',
      }), firstLayer);
      await afterUpdate(page, () => page.click('button[data-clear]'));
      const empty = await snapshot();
      expect(empty.bars.every((v) => v === 0)).toBe(true);
      // The whole pad in view (clicking Clear may have scrolled its top out), then its box.
      await page.locator('canvas[data-pad]').scrollIntoViewIfNeeded();
      const pad = (await page.locator('canvas[data-pad]').boundingBox()) as { x: number; y: number; width: number; height: number };
      await afterUpdate(page, async () => {
        await page.mouse.move(pad.x + pad.width * 0.5, pad.y + pad.height * 0.2);
        await page.mouse.down();
        await page.mouse.move(pad.x + pad.width * 0.5, pad.y + pad.height * 0.8, { steps: 12 });
        await page.mouse.up();
      });
      const drawn = await snapshot();
      expect(drawn.preview).not.toBe(empty.preview);
      expect(drawn.grid).not.toBe(empty.grid);
      expect(drawn.bars.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 3);
      expect(drawn.status).not.toBe(empty.status);
      await afterUpdate(page, () => page.click('button[data-undo]'));
      expect((await snapshot()).bars.every((v) => v === 0)).toBe(true);
      await showTestImage(page, 7);
      // The Grad-CAM and gradient overlays, loaded on first use, are drawn for the top class: coloured (red ≠ blue) somewhere.
      await afterUpdate(page, () => page.click('button[data-maps-toggle]'));
      expect(await page.getAttribute('button[data-maps-toggle]', 'aria-expanded')).toBe('true');
      const overlays = await page.$$eval('canvas[data-map]', (els) => els.map((el) => {
        const c = el as HTMLCanvasElement;
        const d = c.getContext('2d')?.getImageData(0, 0, c.width, c.height).data ?? new Uint8ClampedArray();
        let coloured = 0;
        for (let i = 0; i < d.length; i += 4) if (d[i + 3] > 0 && Math.abs(d[i] - d[i + 2]) > 20) coloured++;
        return { map: c.dataset.map, coloured };
      }));
      expect(overlays.map((o) => o.map).sort()).toEqual(['grad-cam', 'gradient']);
      for (const o of overlays) expect(o.coloured, o.map).toBeGreaterThan(0);
      await afterUpdate(page, () => page.click('button[data-next]'));
      expect(await page.inputValue('input[data-index]')).toBe('8');
      await afterUpdate(page, () => page.click('button[data-prev]'));
      await afterUpdate(page, () => page.click('button[data-prev]'));
      expect(await page.inputValue('input[data-index]')).toBe('6');
      await afterUpdate(page, () => page.click('button[data-misclassified]'));
      const wrong = Number(await page.inputValue('input[data-index]'));
      const predictions = await readJson<PredictionsIndex>('predictions.json');
      expect(predictions.predicted[wrong]).not.toBe(predictions.labels[wrong]);
      await afterUpdate(page, () => page.click('button[data-clear]'));
      expect(await page.textContent('[data-status]')).toBe(empty.status);
      expect(await axeViolations(page)).toEqual([]);
      expect(problems).toEqual([]);
      await page.close();
    }, 90_000);

    it(`explorer /${lang}/: the keyboard alone reaches every control and loads a test image`, async () => {
      const { page, problems } = await openExplorer(env(), lang);
      const controls = await page.$$eval('[data-explorer-ui] :is(button, input):not([disabled])', (els) => els.map((e) => e.outerHTML));
      const reached = new Set<string>();
      for (let i = 0; i < 60 && reached.size < controls.length; i++) {
        await page.keyboard.press('Tab');
        const html = await page.evaluate(() => document.activeElement?.closest('[data-explorer-ui]') ? document.activeElement.outerHTML : '');
        if (controls.includes(html)) reached.add(html);
      }
      expect([...reached].sort()).toEqual([...controls].sort());
      await page.focus('input[data-index]');
      await afterUpdate(page, async () => {
        await page.keyboard.press('Control+A');
        await page.keyboard.type('12');
        await page.keyboard.press('Enter');
      });
      await page.waitForFunction(() => document.querySelector('[data-explorer]')?.getAttribute('data-index') === '12');
      await page.focus('button[data-next]');
      await afterUpdate(page, () => page.keyboard.press('Enter'));
      expect(await page.inputValue('input[data-index]')).toBe('13');
      // Drawing from the keyboard (greyscale models: a colour one has no pad): pen down, arrows draw a stroke; the preview and the prediction follow; undo removes it.
      if (!(await hasPad(page))) { expect(problems).toEqual([]); await page.close(); return; }
      await afterUpdate(page, () => page.click('button[data-clear]'));
      const before = await page.evaluate(() => (document.querySelector('canvas[data-preview]') as HTMLCanvasElement).toDataURL());
      await page.focus('canvas[data-pad]');
      await page.keyboard.press('ArrowUp');
      await page.keyboard.press('ArrowUp');
      await afterUpdate(page, () => page.keyboard.press('Space'));
      for (let i = 0; i < 8; i++) await afterUpdate(page, () => page.keyboard.press('ArrowDown'));
      await page.keyboard.press('Enter');
      const after = await page.evaluate(() => ({
        preview: (document.querySelector('canvas[data-preview]') as HTMLCanvasElement).toDataURL(),
        bars: [...document.querySelectorAll('meter')].map((m) => (m as HTMLMeterElement).value),
        cursor: (() => { const c = document.querySelector('canvas[data-pad-cursor]') as HTMLCanvasElement; return c.getContext('2d')?.getImageData(0, 0, c.width, c.height).data.some((v) => v > 0); })(),
      }));
      expect(after.preview).not.toBe(before);
      expect(after.bars.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 3);
      expect(after.cursor).toBe(true);
      await afterUpdate(page, () => page.click('button[data-undo]'));
      expect(await page.evaluate(() => (document.querySelector('canvas[data-preview]') as HTMLCanvasElement).toDataURL())).toBe(before);
      expect(problems).toEqual([]);
      await page.close();
    }, 60_000);
  }

  it('explorer: latency from an input change to every grid drawn, and the page weight', async (ctx) => {
    const { page, problems, bytes } = await openExplorer(env(), 'en');
    await page.waitForLoadState('networkidle');
    const weight = bytes();
    if (!(await hasPad(page))) { await page.close(); ctx.skip(); }
    // The pad's box after the click: clicking Clear may scroll the page.
    await afterUpdate(page, () => page.click('button[data-clear]'));
    await page.locator('canvas[data-pad]').scrollIntoViewIfNeeded();
    const pad = (await page.locator('canvas[data-pad]').boundingBox()) as { x: number; y: number; width: number; height: number };
    const latencies: number[] = [];
    await page.mouse.move(pad.x + pad.width * 0.3, pad.y + pad.height * 0.3);
    await page.mouse.down();
    for (let i = 1; i <= 30; i++) {
      await afterUpdate(page, () => page.mouse.move(pad.x + pad.width * (0.3 + i * 0.013), pad.y + pad.height * (0.3 + i * 0.015)));
      latencies.push(Number(await page.getAttribute(EXPLORER, 'data-latency-ms')));
    }
    await page.mouse.up();
    console.log(`explorer latency, input change → every grid drawn (30 pen moves): median ${median(latencies).toFixed(1)} ms, max ${Math.max(...latencies).toFixed(1)} ms`);
    console.log(`page weight /en/explore/ (model, TF.js and one test-image shard included): ${(weight / 1e6).toFixed(2)} MB`);
    expect(median(latencies)).toBeLessThan(200);
    // 1.21 MB for the tutorial's page, whose weights are 110,474 float32s (1.2 MB until issue #21 added the
    // class names, the pad's rules for any data and the picture input to the explorer's code); a bigger
    // imported model's extra weight bytes are its own, and everything else (code, data, images) keeps the same budget.
    const weights = (await readJson<Manifest>('manifest.json')).files.find((f) => f.kind === 'model-weights')?.bytes ?? 0;
    expect(weight).toBeLessThanOrEqual(1.21e6 + Math.max(0, weights - 4 * 110_474));
    expect(problems).toEqual([]);
    await page.close();
  }, 60_000);

  it('article: "draw your own" opens the live explorer in place, its script and model loaded only then', async () => {
    for (const lang of ['en', 'zh']) {
      const { page, problems, bytes, urls } = await openPage(env().browser, `${env().site.url}${lang}/`);
      // Everything the article loads by itself first (lazy images and charts included), then the explorer.
      await loadAllImages(page);
      await page.waitForFunction(() => document.querySelectorAll('[data-chart][data-enhanced="true"]').length > 0, null, { timeout: 20_000 });
      await page.waitForLoadState('networkidle');
      const before = bytes();
      const loadedBefore = urls().length;
      expect(await page.locator('[data-explorer]').count()).toBe(0);
      const button = page.locator('[data-sample-picker] button[data-draw-own]');
      await button.click();
      expect(await button.getAttribute('aria-expanded')).toBe('true');
      await page.waitForFunction(() => document.querySelector('[data-draw-own-view] [data-explorer]')?.getAttribute('data-updates'), null, { timeout: 30_000 });
      await page.waitForLoadState('networkidle');
      const lazy = bytes() - before;
      console.log(`article /${lang}/ before "draw your own": ${(before / 1e6).toFixed(2)} MB; loaded on first use: ${(lazy / 1e6).toFixed(2)} MB`);
      // The model and the explorer's script (with TF.js) were not part of the article's own load.
      const firstUse = urls().slice(loadedBefore).map((u) => new URL(u).pathname);
      expect(firstUse.filter((u) => /model\.json$/.test(u)), 'the model, loaded on first use').toHaveLength(1);
      expect(firstUse.some((u) => /\.bin$/.test(u)), "the model's weights, loaded on first use").toBe(true);
      expect(firstUse.some((u) => /\.js$/.test(u)), "the explorer's script, loaded on first use").toBe(true);
      expect(urls().slice(0, loadedBefore).some((u) => /model\.json$/.test(u))).toBe(false);
      const status = await page.textContent('[data-draw-own-view] [data-status]');
      expect(status).toMatch(/51/);
      expect(await axeViolations(page)).toEqual([]);
      expect(problems).toEqual([]);
      await page.close();
    }
  }, 90_000);
}
