import { describe, expect, it } from 'vitest';
import type { Manifest, PipelineConfig } from '../../pipeline/artifacts/types';
import { describeTrainingChange, type TrainingInputs } from '../../pipeline/artifacts/trainingChange';

const quick: PipelineConfig = {
  preset: 'quick', seed: 42, epochs: 2, batchSize: 128, learningRate: 0.001, patience: 2, trainLimit: 4096, testLimit: 1000,
  dataDir: null, backend: 'auto', workers: 2, samples: [],  igMaxSteps: 512,
};
const files = [
  { name: 'train-images-idx3-ubyte', bytes: 1, sha256: 'ba891046e6505d7a', checksumKnown: true },
  { name: 't10k-images-idx3-ubyte', bytes: 1, sha256: '0fa7898d509279e4', checksumKnown: true },
];
const versions = { '@tensorflow/tfjs-core': '4.22.0', '@tensorflow/tfjs-layers': '4.22.0', '@tensorflow/tfjs-backend-cpu': '4.22.0', '@tensorflow/tfjs-backend-wasm': '4.22.0' };
const wasm = { name: 'wasm' as const, version: '4.22.0' };

/** What a quick run's manifest records of its training inputs. */
const stored = { config: quick, backend: { ...wasm, threads: 1, description: '' }, versions: { node: 'v20', ...versions, backend: 'wasm 4.22.0' }, data: { files } } as unknown as Manifest;
const current = (over: Partial<TrainingInputs> = {}): TrainingInputs => ({ config: quick, data: files, backend: wasm, versions, ...over });

describe('describeTrainingChange', () => {
  it('names each config field that changed, with both values', () => {
    expect(describeTrainingChange(stored, current({ config: { ...quick, preset: 'seed', epochs: 100, trainLimit: 60000, testLimit: 10000 } }))).toBe(
      'the config changed: preset quick → seed, epochs 2 → 100, train-limit 4096 → 60000, test-limit 1000 → 10000',
    );
  });

  it('names the worker count on wasm, and not on a backend that trains without workers', () => {
    expect(describeTrainingChange(stored, current({ config: { ...quick, workers: 8 } }))).toBe('the config changed: workers 2 → 8');
    const cpu = { ...stored, backend: { name: 'cpu' }, versions: { ...stored.versions, backend: 'cpu 4.22.0' } } as unknown as Manifest;
    expect(describeTrainingChange(cpu, current({ config: { ...quick, workers: 8 }, backend: { name: 'cpu' as const, version: '4.22.0' } }))).toBe("the pipeline's training code changed");
  });

  it('names a data file whose checksum or name changed', () => {
    const other = [files[0], { ...files[1], sha256: '5b4141f0afbad91e' }];
    expect(describeTrainingChange(stored, current({ data: other }))).toBe('the data changed: t10k-images-idx3-ubyte sha256 0fa7898d5092… → 5b4141f0afba…');
    const gz = [{ ...files[0], name: 'train-images-idx3-ubyte.gz' }, files[1]];
    expect(describeTrainingChange(stored, current({ data: gz }))).toBe('the data changed: train-images-idx3-ubyte → train-images-idx3-ubyte.gz');
  });

  it('names the backend and the package versions that changed, after the config', () => {
    const change = describeTrainingChange(stored, current({
      config: { ...quick, seed: 7 }, backend: { name: 'tensorflow' as const, version: '4.22.0' }, versions: { ...versions, '@tensorflow/tfjs-core': '4.23.0' },
    }));
    expect(change).toBe('the config changed: seed 42 → 7; the backend changed: wasm 4.22.0 → tensorflow 4.22.0; package versions changed: @tensorflow/tfjs-core 4.22.0 → 4.23.0');
  });

  it('blames the training code when nothing the manifest records differs', () => {
    expect(describeTrainingChange(stored, current())).toBe("the pipeline's training code changed");
  });

  it('copes with a manifest that lacks the recorded inputs', () => {
    expect(describeTrainingChange({}, current({ data: [files[0]] }))).toMatch(/^the config changed: preset none → quick, .*; the data changed: none → train-images-idx3-ubyte; the backend changed: none → wasm 4.22.0; package versions changed: @tensorflow\/tfjs-core none → 4.22.0/);
  });
});

describe('describeTrainingChange and the data beyond its files', () => {
  const folderData = { files: [], height: 28, width: 28, channels: 1, classes: { en: ['a', 'b'], zh: ['a', 'b'] }, folder: { listingSha256: 'L1' } };
  const folderStored = { ...stored, data: folderData } as unknown as Manifest;
  const dataset = { height: 28, width: 28, channels: 1, classes: { en: ['a', 'b'], zh: ['a', 'b'] }, listingSha256: 'L1' };
  it('names a changed image folder, input shape and class names', () => {
    expect(describeTrainingChange(folderStored, current({ data: [], dataset }))).toBe("the pipeline's training code changed");
    expect(describeTrainingChange(folderStored, current({ data: [], dataset: { ...dataset, listingSha256: 'L2', channels: 3, classes: { en: ['a', 'c'], zh: ['a', 'c'] } } }))).toBe(
      "the data changed: the image folder's files (added, removed or modified), input 28×28×1 → 28×28×3, the class names",
    );
  });
});
