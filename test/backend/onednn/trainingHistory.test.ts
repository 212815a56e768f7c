import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { BackendChoice, TrainingHistory } from '../../../pipeline/artifacts/types';
import { describeFile } from '../../../pipeline/artifacts/describeFile';
import { ONEDNN_ADVICE, loadOnednn } from '../../../pipeline/backend/onednn/loadOnednn';
import { silentProgress } from '../../../pipeline/cli/progress';
import { runPipeline } from '../../../pipeline/run';
import { writeTinyIdxFolder } from '../../data/fixtures';

const loaded = loadOnednn();
const skipped = loaded.ok ? '' : ` — SKIPPED: ${loaded.reason}; ${ONEDNN_ADVICE}`;

let dataDir: string;
beforeAll(async () => {
  dataDir = await writeTinyIdxFolder({ train: 512, test: 128 });
});

/** Trains the article's network (2 epochs, 2 workers as in a real build) and returns its history. */
async function history(backend: BackendChoice): Promise<TrainingHistory> {
  const outDir = path.join(await mkdtemp(path.join(tmpdir(), 'onednn-history-')), 'artifacts');
  const config = {
    preset: 'quick', seed: 5, epochs: 2, batchSize: 64, learningRate: 0.001, patience: 2, trainLimit: 512, testLimit: 128,
    dataDir, backend, workers: 2, samples: [], igMaxSteps: 512,
  } as const;
  await runPipeline({
    config: { ...config, samples: [] }, outDir, log: () => {}, progress: silentProgress,
    visualize: async ({ outDir: dir }) => {
      await writeFile(path.join(dir, 'visuals.json'), '{}');
      return [await describeFile(dir, 'visuals.json', 'visual-index')];
    },
    // Only the training history matters here; the dictionary is tested in test/explain/dictionary.
    channels: async () => ({ files: [], metrics: {} }),
  });
  return JSON.parse(await readFile(path.join(outDir, 'history.json'), 'utf8')) as TrainingHistory;
}

describe.skipIf(!loaded.ok)(`training with the oneDNN kernels${skipped}`, () => {
  // Measured: the largest relative loss difference was 1.4e-8 after these 16 steps, and 1.4e-6
  // (validation loss) after the 64 steps of `--preset quick` on MNIST, with identical accuracies
  // there; 1e-4 leaves room for other CPUs, whose oneDNN picks other kernels and summation orders.
  it('gives the same history as the wasm kernels, to float tolerance', async () => {
    const plain = await history('wasm');
    const onednn = await history('wasm+onednn');
    expect(onednn.epochs).toHaveLength(plain.epochs.length);
    plain.epochs.forEach((p, i) => {
      const o = onednn.epochs[i];
      for (const key of ['loss', 'valLoss'] as const) expect(Math.abs(o[key] - p[key]) / p[key]).toBeLessThan(1e-4);
      expect(o.accuracy).toBe(p.accuracy);
      expect(o.valAccuracy).toBe(p.valAccuracy);
    });
    expect(onednn.bestEpoch).toBe(plain.bestEpoch);
  }, 300_000); // two quick-preset pipelines; past 120 s on a 2-core machine under load
});
