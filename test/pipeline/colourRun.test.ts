// runPipeline on colour data (issue #21): a small synthetic set of three colours of squares on noise, handed in
// through the injectable loadData, and every stage real (visualize, explain, dictionary, distributions, embedding,
// timelapse) with the quick preset. Then a grey run with five classes at another size. What is checked is what
// MNIST-only code got wrong: widths of 10, 28×28×1 records, grey pictures.
import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createCanvas, loadImage } from '@napi-rs/canvas';
import { beforeAll, describe, expect, it } from 'vitest';
import type { DataInfo, Evaluation, Manifest, PipelineConfig, VisualIndex } from '../../pipeline/artifacts/types';
import { parseManifest } from '../../pipeline/artifacts/manifestSchema';
import { silentProgress } from '../../pipeline/cli/progress';
import type { DataSet } from '../../pipeline/data/loadData';
import type { ChannelsIndex } from '../../pipeline/explain/dictionary/channelsIndex';
import type { ExplainIndex } from '../../pipeline/explain/explainIndex';
import { paintAttribution } from '../../pipeline/explain/paintAttribution';
import { MAP_SCALE, paperPixels } from '../../pipeline/explain/renderExplain';
import { mulberry32 } from '../../pipeline/train/random';
import { runPipeline } from '../../pipeline/run';
import { testImageShardPath } from '../../shared/mnist/testImageShards';
import { channelsIndexSchema, explainIndexSchema, visualIndexSchema } from '../../site/lib/artifacts/schema';

interface Shape { height: number; width: number; channels: number; classes: number }

/**
 * Squares of 8–12 pixels at random places on dim noise. Colour: class k's square is bright in channel k (red,
 * green, blue). Grey: class k's square has brightness (k + 1) / classes, so the classes differ in one channel.
 */
function synthetic({ height, width, channels, classes }: Shape, count: number, seed: number): { images: Float32Array; labels: Int32Array; count: number } {
  const random = mulberry32(seed);
  const values = height * width * channels;
  const images = new Float32Array(count * values);
  const labels = Int32Array.from({ length: count }, (_, i) => i % classes);
  for (let i = 0; i < count; i++) {
    const image = images.subarray(i * values, (i + 1) * values);
    for (let v = 0; v < values; v++) image[v] = random() * 0.25;
    const side = 8 + Math.floor(random() * 5);
    const [top, left] = [Math.floor(random() * (height - side)), Math.floor(random() * (width - side))];
    for (let y = top; y < top + side; y++) {
      for (let x = left; x < left + side; x++) {
        for (let c = 0; c < channels; c++) {
          image[(y * width + x) * channels + c] = channels === 3 ? (c === labels[i] ? 0.95 : 0.1) : (labels[i] + 1) / classes;
        }
      }
    }
  }
  return { images, labels, count };
}

function dataSet(shape: Shape, names: { en: string[]; zh: string[] }, train: number, test: number): DataSet {
  const info: DataInfo = {
    source: 'synthetic squares (made by the test)', trainCount: train, testCount: test, trainAvailable: train, testAvailable: test,
    height: shape.height, width: shape.width, channels: shape.channels,
    classes: { ...names, source: 'folders', zhFromEnglish: false, noun: 'image' },
    format: 'folder', files: [], known: null,
    folder: {
      fit: 'centre-crop', smallest: [shape.width, shape.height], largest: [shape.width * 2, shape.height * 2],
      colourPictures: shape.channels === 3 ? train + test : 0, greyPictures: shape.channels === 3 ? 0 : train + test,
      skipped: 1, skippedExamples: ['train/notes.txt'], listingSha256: 'c'.repeat(64),
    },
  };
  return { train: synthetic(shape, train, 1), test: synthetic(shape, test, 2), info } as DataSet;
}

const config = (testLimit: number): PipelineConfig => ({
  preset: 'quick', seed: 5, epochs: 2, batchSize: 32, learningRate: 0.002, patience: 2, trainLimit: 240, testLimit,
  dataDir: null, backend: 'wasm', workers: 1, samples: [], igMaxSteps: 64,
});

async function build(data: DataSet, testLimit: number): Promise<{ out: string; manifest: Manifest; lines: string[] }> {
  const out = path.join(await mkdtemp(path.join(tmpdir(), 'colour-run-')), 'artifacts');
  const lines: string[] = [];
  const result = await runPipeline({ config: config(testLimit), outDir: out, log: (l) => lines.push(l), progress: silentProgress, loadData: async () => data });
  expect(result.status).toBe('built');
  return { out, manifest: result.manifest, lines };
}

const readJson = async <T>(out: string, rel: string): Promise<T> => JSON.parse(await readFile(path.join(out, rel), 'utf8')) as T;

/** RGBA pixels of a PNG in the artifacts folder. */
async function pixelsOf(out: string, rel: string): Promise<{ data: Uint8ClampedArray; width: number; height: number }> {
  const image = await loadImage(path.join(out, rel));
  const ctx = createCanvas(image.width, image.height).getContext('2d');
  ctx.drawImage(image, 0, 0);
  return { data: ctx.getImageData(0, 0, image.width, image.height).data, width: image.width, height: image.height };
}

/** Pixels whose red, green and blue all differ: none in a grey picture. */
function colourPixels(data: Uint8ClampedArray): number {
  let n = 0;
  for (let i = 0; i < data.length; i += 4) if (data[i] !== data[i + 1] && data[i + 1] !== data[i + 2] && data[i] !== data[i + 2]) n++;
  return n;
}

const TEST = 60; // the article follows test image 51, so the test set must reach it

describe('runPipeline on colour images of three classes', () => {
  const shape = { height: 28, width: 28, channels: 3, classes: 3 };
  const data = dataSet(shape, { en: ['red', 'green', 'blue'], zh: ['红', '绿', '蓝'] }, 240, TEST);
  let out: string;
  let manifest: Manifest;
  beforeAll(async () => {
    ({ out, manifest } = await build(data, TEST));
  }, 600_000);

  it('writes a manifest the schema accepts, with the data and model of three classes in colour', async () => {
    const parsed = parseManifest(await readJson(out, 'manifest.json'));
    expect(parsed.problem).toBeUndefined();
    expect(manifest.data).toMatchObject({ channels: 3, format: 'folder', classes: { en: ['red', 'green', 'blue'] } });
    expect(manifest.model).toMatchObject({ input: { height: 28, width: 28, channels: 3 }, classes: 3 });
  });

  it('stores probabilities three wide and a 3 × 3 confusion matrix', async () => {
    const probabilities = manifest.files.find((f) => f.path === 'probabilities.u8')!;
    expect(probabilities.meta?.shape).toEqual([TEST, 3]);
    expect((await readFile(path.join(out, 'probabilities.u8'))).length).toBe(TEST * 3);
    const evaluation = await readJson<Evaluation>(out, 'evaluation.json');
    expect(evaluation.confusion).toHaveLength(3);
    expect(evaluation.confusion.every((row) => row.length === 3)).toBe(true);
    expect(evaluation.confusion.flat().reduce((a, b) => a + b, 0)).toBe(TEST);
  });

  it('lists up to four examples of each of the three classes, and the site\'s schemas accept the indexes', async () => {
    const visuals = await readJson<VisualIndex>(out, 'visuals/visuals.json');
    expect(visualIndexSchema.safeParse(visuals).success).toBe(true);
    expect(explainIndexSchema.safeParse(await readJson(out, 'explain/explain.json')).success).toBe(true);
    expect(channelsIndexSchema.safeParse(await readJson(out, 'explain/channels.json')).success).toBe(true);
    expect(visuals.classExamples?.map((c) => [c.label, c.indices])).toEqual([[0, [0, 3, 6, 9]], [1, [1, 4, 7, 10]], [2, [2, 5, 8, 11]]]);
    const strip = await pixelsOf(out, visuals.classExamples![2].image);
    expect(strip.width).toBe(4 * 28 * 3 + 3 * 2);
    expect(colourPixels(strip.data)).toBeGreaterThan(0);
    // One sample per class in the picker, besides the article's image.
    expect(visuals.samples.filter((s) => s.role === 'digit').map((s) => s.label).sort()).toEqual([0, 1, 2]);
  });

  it('draws the input tiles, thumbnails and first-layer kernels in colour', async () => {
    const visuals = await readJson<VisualIndex>(out, 'visuals/visuals.json');
    expect(colourPixels((await pixelsOf(out, visuals.samples[0].input)).data)).toBeGreaterThan(0);
    expect(colourPixels((await pixelsOf(out, visuals.gallery[0].image)).data)).toBeGreaterThan(0);
    const filters = await pixelsOf(out, visuals.filters.grid);
    expect(colourPixels(filters.data)).toBeGreaterThan(filters.width * filters.height * 0.2);
    expect(manifest.files.find((f) => f.path === visuals.filters.grid)?.meta?.colours).toBe('rgb');
  });

  it('draws each attribution map over the colour image, not over a grey copy of it', async () => {
    const explain = await readJson<ExplainIndex>(out, 'explain/explain.json');
    const sample = explain.samples[0];
    const raw = await readFile(path.join(out, sample.data));
    const maps = new Float32Array(raw.buffer.slice(raw.byteOffset, raw.byteOffset + raw.byteLength));
    const values = 28 * 28 * 3;
    const image = data.test.images.slice(sample.index * values, (sample.index + 1) * values);
    const grey = Float32Array.from({ length: 28 * 28 }, (_, p) => (image[p * 3] + image[p * 3 + 1] + image[p * 3 + 2]) / 3);
    for (const [m, ref] of sample.targets[0].maps.entries()) {
      const map = maps.subarray(m * 784, (m + 1) * 784);
      const png = await pixelsOf(out, ref.image);
      const drawn = Array.from(png.data);
      expect(drawn, ref.id).toEqual(Array.from(paintAttribution(map, paperPixels(image, 3), 28, MAP_SCALE)));
      expect(drawn, ref.id).not.toEqual(Array.from(paintAttribution(map, grey, 28, MAP_SCALE)));
    }
  });

  it('writes test-image records of one label byte and 28 · 28 · 3 pixel bytes', async () => {
    const shard = await readFile(path.join(out, testImageShardPath(0)));
    expect(shard.length).toBe(50 * (1 + 28 * 28 * 3));
    expect(shard[1 + 28 * 28 * 3]).toBe(1); // image 1's label
    expect(shard[1 + 0]).toBe(Math.round(data.test.images[0] * 255));
    const last = await readFile(path.join(out, testImageShardPath(50)));
    expect(last.length).toBe(10 * (1 + 28 * 28 * 3));
  });

  it('draws the dictionary\'s colour kernels and one optimised image per class', async () => {
    const channels = await readJson<ChannelsIndex>(out, 'explain/channels.json');
    expect(channels.classes.map((c) => c.digit)).toEqual([0, 1, 2]);
    const kernel = channels.layers[0].entries[0].kernel!;
    expect(kernel.values).toHaveLength(3 * 3 * 3);
    expect(colourPixels((await pixelsOf(out, kernel.image)).data)).toBeGreaterThan(0);
    expect(colourPixels((await pixelsOf(out, channels.layers[0].entries[0].strip)).data)).toBeGreaterThan(0);
  });

  it('maps every test image and records the timelapse of the colour kernels', async () => {
    expect(manifest.metrics.embedding_points).toBe(TEST);
    const lapse = manifest.files.find((f) => f.kind === 'timelapse-index');
    expect(lapse).toBeDefined();
    const frames = manifest.files.filter((f) => f.kind === 'timelapse-frame' && f.meta?.picture === 'kernels');
    expect(frames.length).toBeGreaterThan(0);
    expect(colourPixels((await pixelsOf(out, frames[frames.length - 1].path)).data)).toBeGreaterThan(0);
  });
});

describe('runPipeline on grey images of five classes at 24 × 24', () => {
  const shape = { height: 24, width: 24, channels: 1, classes: 5 };
  const names = { en: ['one', 'two', 'three', 'four', 'five'], zh: ['一', '二', '三', '四', '五'] };
  const data = dataSet(shape, names, 240, TEST);
  let out: string;
  let manifest: Manifest;
  beforeAll(async () => {
    ({ out, manifest } = await build(data, TEST));
  }, 600_000);

  it('sizes every per-class and per-pixel file for five classes of 24 × 24 × 1', async () => {
    expect(parseManifest(await readJson(out, 'manifest.json')).problem).toBeUndefined();
    expect((await readFile(path.join(out, 'probabilities.u8'))).length).toBe(TEST * 5);
    expect((await readJson<Evaluation>(out, 'evaluation.json')).confusion.map((r) => r.length)).toEqual([5, 5, 5, 5, 5]);
    expect((await readFile(path.join(out, testImageShardPath(0)))).length).toBe(50 * (1 + 24 * 24));
    const visuals = await readJson<VisualIndex>(out, 'visuals/visuals.json');
    expect(visuals.classExamples).toHaveLength(5);
    const tile = await pixelsOf(out, visuals.samples[0].input);
    expect([tile.width, tile.height, colourPixels(tile.data)]).toEqual([24 * 4, 24 * 4, 0]);
    expect(manifest.files.find((f) => f.path === visuals.filters.grid)?.meta?.colours).toBe('diverging');
    const channels = await readJson<ChannelsIndex>(out, 'explain/channels.json');
    expect(channels.classes).toHaveLength(5);
    expect(channels.layers[0].entries[0].kernel?.values).toHaveLength(9);
  });
});
