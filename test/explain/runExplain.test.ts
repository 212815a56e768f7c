import * as tf from '@tensorflow/tfjs-core';
import { mkdtemp, readFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAP_IDS, type ExplainIndex } from '../../pipeline/explain/explainIndex';
import { sha256 } from '../../pipeline/artifacts/describeFile';
import { activateWasm } from '../../pipeline/backend/selectBackend';
import { EXPLAIN_INDEX_PATH, runExplain, unconvergedLine, unconvergedMaps, type ExplainResult } from '../../pipeline/explain/runExplain';
import { mulberry32 } from '../../pipeline/train/random';
import { decodePng } from '../visualize/decodePng';
import { spikedModel } from './tinyModels';
import { TUTORIAL_DESCRIPTION } from '../model/tutorialDescription';

const COUNT = 60;
let outDir: string;
let result: ExplainResult;
let index: ExplainIndex;
const log: string[] = [];

/**
 * The whole stage on an untrained model with a spike no integration grid resolves in class 1's score
 * (a stand-in for a barely trained one): random images, predictions right except every 7th.
 */
beforeAll(async () => {
  await activateWasm(); // the pipeline's backend; the cpu backend would make this test slow
  outDir = await mkdtemp(path.join(os.tmpdir(), 'explain-'));
  const random = mulberry32(7);
  const labels = Int32Array.from({ length: COUNT }, (_, i) => i % 10);
  const images = Float32Array.from({ length: COUNT * 784 }, () => random());
  result = await runExplain({
    model: spikedModel(1, images, 1),
    description: TUTORIAL_DESCRIPTION,
    test: { images, labels, count: COUNT },
    predictions: { predicted: labels.map((d, i) => (i % 7 === 3 ? (d + 1) % 10 : d)), probabilities: new Float32Array(COUNT * 10).fill(0.1) },
    extraSamples: [],
    articleSample: 51,
    seed: 3,
    outDir,
    log: (line) => log.push(line),
    limits: { misclassified: 3, sanitySamples: 4 },
    igMaxSteps: 128,
  });
  index = JSON.parse(await readFile(path.join(outDir, EXPLAIN_INDEX_PATH), 'utf8'));
}, 300_000);

afterAll(async () => {
  await tf.setBackend('cpu');
});

describe('the explain stage', () => {
  it('explains the picker samples, the gallery and the first misclassified images, the wrong ones for both classes', () => {
    const wrong = index.samples.filter((s) => s.sets.includes('misclassified'));
    expect(wrong.map((s) => s.index).sort((a, b) => a - b)).toEqual([3, 10, 17]);
    expect(index.misclassified).toEqual({ total: 9, explained: 3 });
    for (const s of wrong) expect(s.targets.map((t) => [t.digit, t.role])).toEqual([[s.predicted, 'predicted'], [s.label, 'true']]);
    expect(index.samples[0]).toMatchObject({ index: 51, sets: ['samples'] });
    expect(index.samples.filter((s) => s.sets.includes('gallery'))).toHaveLength(24);
  });

  it('lists every map image, raw file and the index in the manifest entries, each matching its bytes', async () => {
    const paths = new Set(result.files.map((f) => f.path));
    const maps = index.samples.flatMap((s) => s.targets.flatMap((t) => t.maps));
    expect(maps).toHaveLength(index.samples.reduce((n, s) => n + s.targets.length, 0) * MAP_IDS.length);
    for (const m of maps) expect(paths.has(m.image), m.image).toBe(true);
    for (const s of index.samples) expect(paths.has(s.data)).toBe(true);
    for (const step of Object.values(index.sanity.figure).flat()) expect(paths.has(step)).toBe(true);
    expect(paths.has(EXPLAIN_INDEX_PATH)).toBe(true);
    for (const f of result.files.slice(0, 20)) expect(sha256(await readFile(path.join(outDir, f.path)))).toBe(f.sha256);
  });

  it('stores the raw maps beside the images: the IG row sums to the recorded sum', async () => {
    const sample = index.samples[0];
    const raw = new Float32Array((await readFile(path.join(outDir, sample.data))).buffer.slice(0));
    expect(raw.length).toBe(sample.targets.length * MAP_IDS.length * 784);
    const m = MAP_IDS.indexOf('integrated-gradients');
    const sum = raw.subarray(m * 784, (m + 1) * 784).reduce((a, b) => a + b, 0);
    expect(sum).toBeCloseTo(sample.targets[0].maps[m].sum, 3);
    const png = await decodePng(await readFile(path.join(outDir, sample.targets[0].maps[m].image)));
    expect([png.width, png.height]).toEqual([84, 84]);
  });

  it('completes with the maps that miss completeness published, marked, counted and logged', () => {
    const maps = index.samples.flatMap((s) => s.targets.map((t) => ({ digit: t.digit, ...t.maps.find((m) => m.id === 'integrated-gradients') })));
    const unconverged = maps.filter((m) => m.converged === false);
    expect(unconverged.length).toBeGreaterThan(0);
    for (const m of unconverged) expect([m.digit, m.steps, (m.completeness as number) > 0.05]).toEqual([1, 128, true]);
    for (const m of maps.filter((x) => x.digit !== 1)) expect([m.converged, (m.completeness as number) < 0.05]).toEqual([true, true]);
    expect(index.completeness).toMatchObject({ maps: maps.length, unconverged: unconverged.length });
    expect(index.settings.integratedGradients.maxSteps).toBe(128);
    expect(result.metrics).toMatchObject({ ig_maps: maps.length, ig_unconverged: unconverged.length, explained_images: index.samples.length });
    expect(result.metrics.ig_completeness_max).toBeCloseTo(Math.max(...maps.map((m) => m.completeness as number)), 6);
    expect(log.filter((l) => l.includes(`${unconverged.length} of ${maps.length} Integrated Gradients maps did not converge within 128 steps`))).toHaveLength(1);
  });

  it('runs the randomisation cascade over the first picker samples with ρ = 1 before any change', () => {
    expect(index.sanity.steps).toEqual(['original', 'dense_1', 'dense', 'conv2d_2', 'conv2d_1', 'conv2d']);
    expect(index.sanity.samples).toEqual(index.samples.slice(0, 4).map((s) => s.index));
    for (const id of MAP_IDS) {
      expect(index.sanity.correlations[id]).toHaveLength(6);
      expect(index.sanity.correlations[id][0]).toBe(1);
      for (const rho of index.sanity.correlations[id]) expect(Math.abs(rho)).toBeLessThanOrEqual(1 + 1e-9);
    }
    expect(log.some((l) => /sanity check, conv2d randomised/.test(l))).toBe(true);
  });

  it('lists the maps above 5% worst first, non-finite errors before all, and names them in one line', () => {
    const jobs = [{ sample: 4, digit: 1 }, { sample: 9, digit: 2 }, { sample: 5, digit: 3 }, { sample: 6, digit: 4 }];
    const bad = unconvergedMaps(Float32Array.from([0.01, 0.07, 0.3, NaN]), Int32Array.from([64, 512, 512, 512]), jobs);
    expect(bad.map((b) => b.sample)).toEqual([6, 5, 9]);
    expect(unconvergedLine(bad.slice(1), 42, 512)).toMatch(/^explain: 2 of 42 Integrated Gradients maps did not converge within 512 steps .*test image 5, class 3: 30\.00%; test image 9, class 2: 7\.00%.*--ig-max-steps/);
  });
});
