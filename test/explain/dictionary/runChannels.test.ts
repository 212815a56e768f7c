import '@tensorflow/tfjs-backend-cpu';
import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHANNELS_INDEX_PATH, type ChannelsIndex } from '../../../pipeline/explain/dictionary/channelsIndex';
import { runChannels, type ChannelsContext } from '../../../pipeline/explain/dictionary/runChannels';
import { createModel } from '../../../pipeline/model/createModel';
import { mulberry32 } from '../../../pipeline/train/random';
import { randomImages } from '../tinyModels';
import { TUTORIAL_DESCRIPTION } from '../../model/tutorialDescription';

let out: string;
beforeAll(async () => {
  await tf.setBackend('cpu');
  out = await mkdtemp(path.join(tmpdir(), 'channels-'));
});
afterAll(() => rm(out, { recursive: true, force: true }));

function context(model: tfl.LayersModel, count: number, outDir: string, lines: string[]): ChannelsContext {
  const images = randomImages(count, mulberry32(8)).map((v) => (v > 0.6 ? v : 0));
  return {
    model, description: TUTORIAL_DESCRIPTION, test: { images, labels: new Int32Array(count), count }, predictions: { predicted: new Int32Array(count), probabilities: new Float32Array(count * 10) },
    extraSamples: [], articleSample: 0, seed: 7, outDir, log: (l) => lines.push(l), preset: 'quick', ascent: { steps: 2 },
  };
}

describe('the channel dictionary stage', () => {
  const model = createModel({ seed: 4 });
  const lines: string[] = [];
  let index: ChannelsIndex;
  let files: { path: string; kind: string }[];
  let metrics: Record<string, number>;

  beforeAll(async () => {
    ({ files, metrics } = await runChannels(context(model, 12, out, lines)));
    index = JSON.parse(readFileSync(path.join(out, CHANNELS_INDEX_PATH), 'utf8'));
  });

  it('lists every image it refers to, and writes each one', () => {
    const referenced = [
      ...index.layers.flatMap((l) => l.entries.flatMap((e) => [e.strip, e.optimised.image, ...(e.kernel ? [e.kernel.image] : [])])),
      ...index.classes.map((c) => c.image),
    ];
    expect(referenced).toHaveLength(224 * 2 + 32 + 10);
    expect(files.filter((f) => f.kind === 'channel-image').map((f) => f.path).sort()).toEqual([...referenced].sort());
    for (const rel of referenced) expect(existsSync(path.join(out, rel))).toBe(true);
    expect(files.at(-1)).toMatchObject({ path: CHANNELS_INDEX_PATH, kind: 'channels-index' });
  });

  it('gives each channel its 9 examples, strongest first, boxed inside the image at the layer\'s field size', () => {
    expect(index.layers.map((l) => [l.name, l.channels, l.mapSize, l.field.size])).toEqual([['conv2d', 32, 26, 3], ['conv2d_1', 64, 11, 8], ['conv2d_2', 128, 3, 18]]);
    for (const layer of index.layers) {
      for (const entry of layer.entries) {
        expect(entry.examples).toHaveLength(9);
        entry.examples.slice(1).forEach((e, i) => expect(e.value).toBeLessThanOrEqual(entry.examples[i].value));
        for (const { box: [x0, y0, x1, y1] } of entry.examples) {
          expect([x1 - x0 + 1, y1 - y0 + 1]).toEqual([layer.field.size, layer.field.size]);
          expect(Math.min(x0, y0)).toBeGreaterThanOrEqual(0);
          expect(Math.max(x1, y1)).toBeLessThanOrEqual(27);
        }
      }
    }
  });

  it('records the first layer\'s kernels as the layer holds them, and the settings it used', () => {
    const kernel = model.getLayer('conv2d').getWeights()[0].arraySync() as number[][][][];
    const entry = index.layers[0].entries[5];
    expect(entry.kernel?.values).toEqual([0, 1, 2].flatMap((y) => [0, 1, 2].map((x) => Number(kernel[y][x][0][5].toPrecision(7)))));
    expect(index.layers[1].entries[0].kernel).toBeUndefined();
    expect(index.ascent).toMatchObject({ steps: 2, seed: 7 });
    expect(index.testImages).toBe(12);
    expect(metrics.dictionary_channels).toBe(224);
    expect(metrics.dictionary_seconds).toBeGreaterThan(0);
    expect(lines.some((l) => /^channels: conv2d_2: 128 images optimised over 2 steps in \d/.test(l))).toBe(true);
  });

  it('fails with the layer names when the model lacks a dictionary layer', async () => {
    const small = tfl.sequential({ layers: [tfl.layers.conv2d({ name: 'conv2d', filters: 2, kernelSize: 3, inputShape: [28, 28, 1] }), tfl.layers.flatten(), tfl.layers.dense({ units: 10 })] });
    await expect(runChannels(context(small, 3, path.join(out, 'small'), []))).rejects.toThrow(/the model has no layer "conv2d_1"; layers: conv2d, flatten/);
  });
});
