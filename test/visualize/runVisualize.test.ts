import '@tensorflow/tfjs-backend-cpu';
import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { sha256 } from '../../pipeline/artifacts/describeFile';
import type { ArtifactFile, VisualIndex } from '../../pipeline/artifacts/types';
import { mulberry32 } from '../../pipeline/train/random';
import { createModel } from '../../pipeline/model/createModel';
import { layerGrid } from '../../shared/drawing/layerGrid';
import { paintLayerGrid, toChannelMajor } from '../../shared/drawing/paintLayerGrid';
import { checkVisualizeInputs, runVisualize, VISUAL_INDEX_PATH } from '../../pipeline/visualize/runVisualize';
import type { LayerDataFile, VisualizeContext } from '../../pipeline/visualize/types';
import { decodePng } from './decodePng';
import { beforeAllOrFailEach } from '../mutation/beforeAllOrFailEach';
import { TUTORIAL_DESCRIPTION } from '../model/tutorialDescription';

const COUNT = 60; // 6 images per digit

/** 1000, 1010, 1040, 1090, …: every interval differs from the others and from any sum of two readings. */
function fakeClock(): () => number {
  let calls = 0;
  return () => 1000 + 10 * calls * calls++;
}

/** Random images, labels 0–9 cycling; predictions right except every 7th; random softmax-like rows. */
function syntheticContext(outDir: string, log: string[]): VisualizeContext {
  const random = mulberry32(7);
  const images = Float32Array.from({ length: COUNT * 784 }, () => random());
  const labels = Int32Array.from({ length: COUNT }, (_, i) => i % 10);
  const predicted = labels.map((d, i) => (i % 7 === 3 ? (d + 1) % 10 : d));
  const probabilities = new Float32Array(COUNT * 10);
  for (let i = 0; i < COUNT; i++) {
    for (let k = 0; k < 10; k++) probabilities[i * 10 + k] = k === predicted[i] ? 0.55 : 0.05;
  }
  return {
    model: createModel({ seed: 1 }),
    description: TUTORIAL_DESCRIPTION,
    test: { images, labels, count: COUNT },
    predictions: { predicted, probabilities },
    extraSamples: [7, 51],
    articleSample: 51,
    seed: 3,
    outDir,
    log: (line) => log.push(line),
    now: fakeClock(),
  };
}

let outDir: string;
let ctx: VisualizeContext;
let files: ArtifactFile[];
let index: VisualIndex;
const log: string[] = [];

beforeAllOrFailEach(async () => {
  await tf.setBackend('cpu');
  outDir = await mkdtemp(path.join(os.tmpdir(), 'visualize-'));
  ctx = syntheticContext(outDir, log);
  files = await runVisualize(ctx);
  index = JSON.parse(await readFile(path.join(outDir, VISUAL_INDEX_PATH), 'utf8'));
});

afterAll(async () => {
  await rm(outDir, { recursive: true, force: true });
});

describe('runVisualize', () => {
  it('chooses the article image, one correct image per digit and the extras, each once', () => {
    expect(index.articleSample).toBe(51);
    // Image 3 (a 3) is misclassified, so digit 3 is shown by image 13; extras 7 and 51 are already in.
    expect(index.samples.map((s) => [s.index, s.role])).toEqual([
      [51, 'article'],
      ...[0, 1, 2, 13, 4, 5, 6, 7, 8, 9].map((i) => [i, 'digit']),
    ]);
    expect(index.samples[0]).toMatchObject({ label: 1, predicted: 1, input: 'visuals/inputs/t00051.png' });
  });

  it('writes one grid per layer and sample whose decoded size follows the grid formula', async () => {
    expect(index.layers.map((l) => [l.name, l.rows, l.cols])).toEqual([
      ['conv2d', 2, 16], ['max_pooling2d', 2, 16], ['dropout', 2, 16], ['conv2d_1', 4, 16],
      ['max_pooling2d_1', 4, 16], ['dropout_1', 4, 16], ['conv2d_2', 8, 16], ['max_pooling2d_2', 8, 16],
    ]);
    expect(index.grids).toHaveLength(8 * 11);
    for (const layer of index.layers) {
      const layout = layerGrid(layer.shape[0], layer.shape[1], layer.shape[2]);
      const grid = index.grids.find((g) => g.layer === layer.name && g.sample === 51)!;
      const image = await decodePng(path.join(outDir, grid.path));
      expect([image.width, image.height, grid.width, grid.height]).toEqual([layout.width, layout.height, layout.width, layout.height]);
      expect(image.width).toBe(16 * grid.tile + 15 * grid.gap);
      expect(image.height).toBe(layer.rows * grid.tile + (layer.rows - 1) * grid.gap);
    }
  });

  it('stores each grid’s raw values and per-channel stats, consistent with the dead-channel count', async () => {
    const grid = index.grids.find((g) => g.layer === 'conv2d_1' && g.sample === 51)!;
    const data: LayerDataFile = JSON.parse(await readFile(path.join(outDir, grid.data), 'utf8'));
    expect(data).toMatchObject({ layer: 'conv2d_1', sample: 51, shape: [11, 11, 64] });
    expect(data.stats).toHaveLength(64);
    expect(data.stats.filter((s) => s.dead).length).toBe(grid.deadChannels);
    const raw = await readFile(path.join(outDir, data.values.path));
    const values = new Float32Array(raw.buffer, raw.byteOffset, raw.byteLength / 4);
    expect(values.length).toBe(11 * 11 * 64);
    const channel5 = values.subarray(5 * 121, 6 * 121);
    expect(Math.max(...channel5)).toBeCloseTo(data.stats[5].max, 5);
  });

  // Independent of the stage's batching: one image at a time through a one-output model.
  const activationOf = (layer: string, sample: number) => tf.tidy(() => {
    const single = tfl.model({ inputs: ctx.model.inputs, outputs: ctx.model.getLayer(layer).output as tfl.SymbolicTensor });
    const image = tf.tensor4d(ctx.test.images.slice(sample * 784, (sample + 1) * 784), [1, 28, 28, 1]);
    return (single.predict(image) as tf.Tensor).dataSync() as Float32Array;
  });

  for (const [layer, sample] of [['conv2d', 51], ['conv2d', 13], ['max_pooling2d_2', 9]] as const) {
    it(`stores ${layer}'s own feature maps of image ${sample}, in the data file and the grid`, async () => {
      const grid = index.grids.find((g) => g.layer === layer && g.sample === sample)!;
      const data: LayerDataFile = JSON.parse(await readFile(path.join(outDir, grid.data), 'utf8'));
      const [h, w, c] = data.shape;
      const expected = toChannelMajor(activationOf(layer, sample), h, w, c);
      const raw = await readFile(path.join(outDir, data.values.path));
      const values = new Float32Array(raw.buffer.slice(raw.byteOffset, raw.byteOffset + raw.byteLength));
      expect(values.length).toBe(expected.values.length);
      const worst = values.reduce((m, v, i) => Math.max(m, Math.abs(v - expected.values[i])), 0);
      expect(worst).toBeLessThan(1e-4);
      const { rgba } = paintLayerGrid(expected, layerGrid(h, w, c));
      const image = await decodePng(path.join(outDir, grid.path));
      let differing = 0;
      for (let y = 0; y < image.height; y++) {
        for (let x = 0; x < image.width; x++) {
          const at = (y * image.width + x) * 4;
          const hex = '#' + Array.from(rgba.subarray(at, at + 3), (v) => v.toString(16).padStart(2, '0')).join('');
          if (image.hexAt(x, y) !== hex) differing++;
        }
      }
      expect(differing).toBe(0);
    });
  }

  it('indexes the filters, the 24-image gallery and every misclassified image', () => {
    expect(index.filters).toMatchObject({ grid: 'visuals/filters/conv2d.png', norms: 'visuals/filters/norms.json', width: 1038, height: 128 });
    expect(index.gallery).toHaveLength(24);
    expect(index.gallery[0].top3[0]).toEqual({ digit: index.gallery[0].predicted, probability: 0.55 });
    expect(index.misclassified.map((m) => m.index)).toEqual(Array.from({ length: COUNT }, (_, i) => i).filter((i) => i % 7 === 3));
    expect(index.misclassified.every((m) => m.label !== m.predicted)).toBe(true);
  });

  it('lists four examples of each of the ten classes, the first ones in test order', () => {
    expect(index.classExamples?.map((c) => c.label)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(index.classExamples?.[3]).toEqual({ label: 3, image: 'visuals/classes/c003.png', indices: [3, 13, 23, 33] });
    expect(files.filter((f) => f.kind === 'class-examples')).toHaveLength(10);
  });

  it('returns a manifest entry with the right size and hash for every file it wrote, the index included', async () => {
    const paths = new Set(files.map((f) => f.path));
    expect(paths.size).toBe(files.length);
    const referenced = [
      ...index.samples.map((s) => s.input), ...index.grids.flatMap((g) => [g.path, g.data]),
      index.filters.grid, index.filters.norms, ...index.gallery.map((g) => g.image), ...index.misclassified.map((m) => m.image), ...(index.classExamples ?? []).map((c) => c.image),
    ];
    for (const p of referenced) expect(paths.has(p)).toBe(true);
    expect(files.find((f) => f.path === VISUAL_INDEX_PATH)?.kind).toBe('visual-index');
    for (const f of files.filter((_, i) => i % 25 === 0)) {
      const bytes = await readFile(path.join(outDir, f.path));
      expect([f.bytes, f.sha256]).toEqual([bytes.length, sha256(bytes)]);
    }
    const grid = files.find((f) => f.kind === 'layer-grid')!;
    expect(grid.meta).toMatchObject({ layer: 'conv2d', sample: 51, shape: [26, 26, 32], width: 862, height: 106 });
    expect(log.some((line) => /11 samples × 8 layers: forward pass \d+ ms/.test(line))).toBe(true);
  });

  it('logs each phase with its duration from the injected clock', () => {
    expect(log).toContain('visualize: 11 samples × 8 layers: forward pass 10 ms, 88 grids + 11 inputs written in 30 ms');
    expect(log.some((line) => /^visualize: filters, 24 gallery and 9 misclassified images, \d+ test-image shards, examples of 10 classes in 50 ms$/.test(line))).toBe(true);
  });

  it('describes every written input, grid and data file with its kind and metadata', () => {
    const of = (p: string) => files.find((f) => f.path === p)!;
    expect(of('visuals/inputs/t00051.png')).toMatchObject({ kind: 'input-image', meta: { sample: 51, width: 28 * 4, height: 28 * 4 } });
    const grid = index.grids.find((g) => g.layer === 'conv2d' && g.sample === 13)!;
    expect(grid).toMatchObject({ path: 'visuals/grids/conv2d/t00013.png', data: 'visuals/data/conv2d/t00013.json' });
    expect(of(grid.data)).toMatchObject({ kind: 'layer-data', meta: { layer: 'conv2d', sample: 13, shape: [26, 26, 32], format: 'json' } });
    expect(of('visuals/data/conv2d/t00013.f32')).toMatchObject({ kind: 'layer-data', meta: { layer: 'conv2d', sample: 13, shape: [26, 26, 32], format: 'float32' } });
  });

  it('writes layer data files in the versioned format, pointing at little-endian channel-major raw values', async () => {
    const grid = index.grids.find((g) => g.layer === 'conv2d' && g.sample === 13)!;
    const data: LayerDataFile = JSON.parse(await readFile(path.join(outDir, grid.data), 'utf8'));
    expect(data.format).toBe('cnn-hidden-truth/layer-data@1');
    expect(data.values).toEqual({ path: 'visuals/data/conv2d/t00013.f32', dtype: 'float32', byteOrder: 'little-endian', layout: 'channel-major' });
  });

  it('fails clearly on a sample index outside the test set, before writing anything', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'visualize-bad-'));
    try {
      const ctx = { ...syntheticContext(dir, []), extraSamples: [12345] };
      await expect(runVisualize(ctx)).rejects.toThrow('--samples: test index 12345 does not exist; the test set has 60 images (0–59)');
      const bad = syntheticContext(dir, []);
      await expect(runVisualize({ ...bad, test: { ...bad.test, count: 61 } })).rejects.toThrow(/test.images has 47040 values; expected count × 28 × 28 × 1 = 47824/);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe('checkVisualizeInputs', () => {
  const inputs = (count: number, sizes: Partial<Record<'images' | 'labels' | 'predicted' | 'probabilities', number>> = {}) => ({
    description: TUTORIAL_DESCRIPTION,
    test: { images: new Float32Array(sizes.images ?? count * 784), labels: new Int32Array(sizes.labels ?? count), count },
    predictions: { predicted: new Int32Array(sizes.predicted ?? count), probabilities: new Float32Array(sizes.probabilities ?? count * 10) },
  });

  it('accepts arrays that match test.count, even a single image', () => {
    expect(() => checkVisualizeInputs(inputs(1))).not.toThrow();
    expect(() => checkVisualizeInputs(inputs(3))).not.toThrow();
  });

  it('rejects a test.count that is not a whole number ≥ 1', () => {
    expect(() => checkVisualizeInputs(inputs(0))).toThrow('runVisualize: test.count must be a whole number ≥ 1, got 0');
    expect(() => checkVisualizeInputs({ ...inputs(2), test: { ...inputs(2).test, count: 1.5 } })).toThrow('runVisualize: test.count must be a whole number ≥ 1, got 1.5');
  });

  it('names the array whose length does not match, with the formula and the expected length', () => {
    expect(() => checkVisualizeInputs(inputs(2, { images: 784 }))).toThrow('runVisualize: test.images has 784 values; expected count × 28 × 28 × 1 = 1568 (test.count is 2)');
    expect(() => checkVisualizeInputs(inputs(2, { labels: 3 }))).toThrow('runVisualize: test.labels has 3 values; expected count = 2 (test.count is 2)');
    expect(() => checkVisualizeInputs(inputs(2, { predicted: 1 }))).toThrow('runVisualize: predictions.predicted has 1 values; expected count = 2 (test.count is 2)');
    expect(() => checkVisualizeInputs(inputs(2, { probabilities: 10 }))).toThrow('runVisualize: predictions.probabilities has 10 values; expected count × 10 = 20 (test.count is 2)');
  });
});
