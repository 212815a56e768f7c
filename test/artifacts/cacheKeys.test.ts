import { mkdir, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import { cacheKeys, pipelineSources, TRAINING_KINDS, type KeyInputs } from '../../pipeline/artifacts/cacheKeys';
import type { PipelineConfig } from '../../pipeline/artifacts/types';

const config: PipelineConfig = {
  preset: 'quick', seed: 1, epochs: 1, batchSize: 128, learningRate: 0.001, patience: 2, trainLimit: 10, testLimit: 10,
  dataDir: '/data/mnist', backend: 'auto', workers: 2, samples: [], igMaxSteps: 512,
};
const inputs: KeyInputs = {
  config,
  data: [{ name: 'a', bytes: 1, sha256: 'aa', checksumKnown: true }],
  backend: { name: 'wasm', version: '4.22.0' },
  versions: { '@tensorflow/tfjs-core': '4.22.0', '@tensorflow/tfjs-layers': '4.22.0', '@tensorflow/tfjs-backend-cpu': '4.22.0', '@tensorflow/tfjs-backend-wasm': '4.22.0', '@napi-rs/canvas': '1.1.1' },
  sources: { training: 'T', drawing: 'D' },
};
const keys = cacheKeys(inputs);
const withConfig = (c: Partial<PipelineConfig>, rest: Partial<KeyInputs> = {}) => cacheKeys({ ...inputs, ...rest, config: { ...config, ...c } });

describe('cacheKeys', () => {
  it('changes both keys with the training config, the data, the backend that ran and the compute packages', () => {
    for (const changed of [
      withConfig({ seed: 2 }),
      withConfig({ trainLimit: 11 }),
      cacheKeys({ ...inputs, data: [{ ...inputs.data[0], sha256: 'bb' }] }),
      cacheKeys({ ...inputs, backend: { name: 'tensorflow', version: '4.22.0' } }),
      cacheKeys({ ...inputs, backend: { name: 'wasm', version: '4.23.0' } }),
      cacheKeys({ ...inputs, versions: { ...inputs.versions, '@tensorflow/tfjs-layers': '4.22.1' } }),
      cacheKeys({ ...inputs, sources: { ...inputs.sources, training: 'T2' } }),
    ]) {
      expect(changed.training).not.toBe(keys.training);
      expect(changed.drawing).not.toBe(keys.drawing);
    }
  });

  it('changes the training key with the model file\'s SHA-256 and the input scale, not with its path', () => {
    const imported = { kind: 'imported', sha256: 'f1', scale: 'unit' };
    const a = cacheKeys({ ...inputs, model: imported });
    expect(a.training).not.toBe(keys.training);
    expect(cacheKeys({ ...inputs, model: { ...imported, sha256: 'f2' } }).training).not.toBe(a.training);
    expect(cacheKeys({ ...inputs, model: { ...imported, scale: 'byte' } }).training).not.toBe(a.training);
    expect(cacheKeys({ ...inputs, config: { ...config, model: '/elsewhere/m.h5' }, model: imported }).training).toBe(a.training);
    // The tutorial at unit scale keeps the keys it had before models could be chosen.
    expect(cacheKeys({ ...inputs, model: { kind: 'tutorial', sha256: null, scale: 'unit' } })).toEqual(keys);
  });

  it('keeps the training key when only drawing inputs change', () => {
    for (const changed of [
      withConfig({ samples: [7, 42] }),
      withConfig({ igMaxSteps: 1024 }),
      cacheKeys({ ...inputs, sources: { ...inputs.sources, drawing: 'D2' } }),
      cacheKeys({ ...inputs, versions: { ...inputs.versions, '@napi-rs/canvas': '1.2.0' } }),
    ]) {
      expect(changed.training).toBe(keys.training);
      expect(changed.drawing).not.toBe(keys.drawing);
    }
  });

  it('ignores what cannot change the results: worker count off wasm, the --backend spelling, the data folder', () => {
    const native = { backend: { name: 'tensorflow' as const, version: '4.22.0' } };
    expect(withConfig({ workers: 4 }, native)).toEqual(withConfig({ workers: 1 }, native));
    expect(withConfig({ workers: 4 })).not.toEqual(keys); // on wasm the batch is split across workers
    expect(withConfig({ backend: 'wasm' })).toEqual(keys); // auto resolved to wasm
    expect(withConfig({ dataDir: null })).toEqual(keys); // same checksums, another folder
  });
});

/** Edits `file` and checks that of the sources under `root` only the drawing hash changes. */
async function expectDrawingOnlyEdit(root: string, file: string) {
  const before = await pipelineSources(root);
  await writeFile(file, `${await readFile(file, 'utf8')}\n// edited`);
  const after = await pipelineSources(root);
  expect(after.training).toBe(before.training);
  expect(after.drawing).not.toBe(before.drawing);
}

describe('TRAINING_KINDS', () => {
  it('names exactly the files the training stage writes, which a redraw carries over', () => {
    expect([...TRAINING_KINDS].sort()).toEqual([
      'data-info', 'evaluation', 'history', 'model', 'model-weights', 'predictions', 'probabilities', 'summary',
      'timelapse-record', 'timelapse-record-index',
    ]);
  });
});

describe('pipelineSources', () => {
  it('hashes the drawing stages apart from the rest', async () => {
    const root = await mkdtemp(path.join(tmpdir(), 'src-'));
    await mkdir(path.join(root, 'visualize'));
    await mkdir(path.join(root, 'train'));
    await writeFile(path.join(root, 'visualize', 'grid.ts'), 'export const a = 1;');
    await writeFile(path.join(root, 'train', 'step.ts'), 'export const b = 1;');
    const before = await pipelineSources(root);
    await writeFile(path.join(root, 'visualize', 'grid.ts'), 'export const a = 2;');
    const drawingEdited = await pipelineSources(root);
    expect(drawingEdited.training).toBe(before.training);
    expect(drawingEdited.drawing).not.toBe(before.drawing);
    await writeFile(path.join(root, 'train', 'step.ts'), 'export const b = 2;');
    const trainingEdited = await pipelineSources(root);
    expect(trainingEdited.training).not.toBe(before.training);
    expect(trainingEdited.drawing).toBe(drawingEdited.drawing);
  });

  it('counts the drawing stage file itself as drawing, beside the folders', async () => {
    const root = await mkdtemp(path.join(tmpdir(), 'src-'));
    await mkdir(path.join(root, 'stages'));
    await writeFile(path.join(root, 'stages', 'drawing.ts'), 'export const d = 1;');
    await writeFile(path.join(root, 'stages', 'training.ts'), 'export const t = 1;');
    await expectDrawingOnlyEdit(root, path.join(root, 'stages', 'drawing.ts'));
  });

  it('tells apart two files from one whose name holds the first file and its hash', async () => {
    const sha = (text: string) => createHash('sha256').update(text).digest('hex');
    const two = await mkdtemp(path.join(tmpdir(), 'src-'));
    await writeFile(path.join(two, 'a.ts'), 'A');
    await writeFile(path.join(two, 'b.ts'), 'B');
    const one = await mkdtemp(path.join(tmpdir(), 'src-'));
    await writeFile(path.join(one, `a.ts\n${sha('A')}b.ts`), 'B');
    expect((await pipelineSources(one)).training).not.toBe((await pipelineSources(two)).training);
  });

  it('counts the shared drawing rules beside pipeline/ as drawing sources', async () => {
    const project = await mkdtemp(path.join(tmpdir(), 'proj-'));
    const root = path.join(project, 'pipeline');
    await mkdir(path.join(root, 'train'), { recursive: true });
    await mkdir(path.join(project, 'shared', 'drawing'), { recursive: true });
    await writeFile(path.join(root, 'train', 'step.ts'), 'export const b = 1;');
    await writeFile(path.join(project, 'shared', 'drawing', 'viridis.ts'), 'export const v = 1;');
    await expectDrawingOnlyEdit(root, path.join(project, 'shared', 'drawing', 'viridis.ts'));
  });

  it('counts the explain stage as drawing: editing it never retrains', async () => {
    const root = await mkdtemp(path.join(tmpdir(), 'src-'));
    await mkdir(path.join(root, 'explain', 'methods'), { recursive: true });
    await writeFile(path.join(root, 'explain', 'methods', 'gradient.ts'), 'export const a = 1;');
    await expectDrawingOnlyEdit(root, path.join(root, 'explain', 'methods', 'gradient.ts'));
  });
});

describe('cacheKeys and the data beyond its IDX files', () => {
  const dataset = { height: 28, width: 28, channels: 1, classes: { en: ['a', 'b'], zh: ['甲', '乙'] }, listingSha256: 'L1' };
  it('changes the training key with an image folder\'s listing, the input shape, the class names and --image-size / --channels', () => {
    const base = cacheKeys({ ...inputs, dataset }).training;
    expect(base).not.toBe(keys.training);
    for (const changed of [
      cacheKeys({ ...inputs, dataset: { ...dataset, listingSha256: 'L2' } }),
      cacheKeys({ ...inputs, dataset: { ...dataset, channels: 3 } }),
      cacheKeys({ ...inputs, dataset: { ...dataset, width: 32 } }),
      cacheKeys({ ...inputs, dataset: { ...dataset, classes: { en: ['a', 'c'], zh: ['甲', '乙'] } } }),
      cacheKeys({ ...inputs, dataset: { ...dataset, classes: { en: ['a', 'b'], zh: ['甲', '丙'] } } }),
      withConfig({ imageSize: 32 }, { dataset }),
      withConfig({ channels: 3 }, { dataset }),
    ]) expect(changed.training).not.toBe(base);
    expect(cacheKeys({ ...inputs, dataset: { ...dataset } }).training).toBe(base);
  });
});
