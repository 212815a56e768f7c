import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { PipelineConfig, TrainingHistory, VisualIndex } from '../../pipeline/artifacts/types';
import { loadTensorflowBinding } from '../../pipeline/backend/loadTensorflow';
import { silentProgress } from '../../pipeline/cli/progress';
import { PRESETS } from '../../pipeline/cli/options';
import { runPipeline } from '../../pipeline/run';

// Run by two vitest projects: with the packages installed here (usually no native binding: wasm),
// and with the stand-in for @tensorflow/tfjs-node (vitest.config.ts), where `auto` takes the native
// user's path: backend selection, the local stepper, training, evaluation and the visualize stage.
const native = (await loadTensorflowBinding()).ok;
const expected = native ? 'tensorflow' : 'wasm';

// The quick preset on a subset: the stand-in runs the cpu kernels, about a second per training image.
const config = (workers: number): PipelineConfig => ({
  preset: 'quick', seed: 42, epochs: 1, batchSize: 8, learningRate: 0.001, patience: 2, trainLimit: 16, testLimit: 60,
  dataDir: null, backend: 'auto', workers, samples: [7], igMaxSteps: 512,
});

describe(`runPipeline with --backend auto (${expected} here)`, () => {
  it('trains, evaluates and draws on the backend auto picks, and records that backend', async () => {
    expect(PRESETS.quick.trainLimit).toBeGreaterThan(config(2).trainLimit); // a subset of the quick preset
    const out = path.join(await mkdtemp(path.join(tmpdir(), 'auto-')), 'artifacts');
    const lines: string[] = [];
    // The explain stage is tested on its own (test/explain); on the stand-in's cpu kernels it alone would take minutes.
    const explain = async () => ({ files: [], metrics: {} });
    const run = (workers: number) => runPipeline({ config: config(workers), outDir: out, log: (l) => lines.push(l), progress: silentProgress, explain, channels: explain });
    const { status, manifest } = await run(2);
    expect(status).toBe('built');
    expect(manifest.backend.name).toBe(expected);
    expect(manifest.versions.backend).toMatch(new RegExp(`^${expected} `));
    // Workers split batches only on wasm; the native backend trains with the local stepper.
    expect(lines.some((l) => /data-parallel wasm workers/.test(l))).toBe(!native);

    const history: TrainingHistory = JSON.parse(await readFile(path.join(out, 'history.json'), 'utf8'));
    expect(history.epochs).toHaveLength(1);
    expect(Number.isFinite(history.epochs[0].loss) && Number.isFinite(history.epochs[0].valLoss)).toBe(true);
    expect(manifest.metrics.test_accuracy).toBeGreaterThanOrEqual(0);
    expect(manifest.metrics.test_images).toBe(60);
    const visuals: VisualIndex = JSON.parse(await readFile(path.join(out, 'visuals', 'visuals.json'), 'utf8'));
    expect(visuals.samples.map((s) => s.index)).toContain(7);
    expect(visuals.grids.length).toBe(visuals.samples.length * 8);
    expect(manifest.files.filter((f) => f.kind === 'layer-grid')).toHaveLength(visuals.grids.length);

    // Another worker count retrains on wasm only: elsewhere it cannot change the result.
    expect((await run(3)).status).toBe(native ? 'fresh' : 'built');
  }, 600_000);
});
