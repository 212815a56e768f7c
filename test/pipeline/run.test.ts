import { existsSync } from 'node:fs';
import { mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { PipelineConfig } from '../../pipeline/artifacts/types';
import { UsageError } from '../../pipeline/cli/options';
import { ManifestRejectedError } from '../../pipeline/artifacts/manifestSchema';
import { silentProgress } from '../../pipeline/cli/progress';
import { IdxError } from '../../pipeline/data/idx';
import { runPipeline, type RunOptions } from '../../pipeline/run';
import { writeTinyIdxFolder } from '../data/fixtures';
import { folderSnapshot } from '../folderSnapshot';

let dataDir: string;
beforeAll(async () => {
  dataDir = await writeTinyIdxFolder({ train: 256, test: 64 });
});

const config = (): PipelineConfig => ({
  preset: 'quick', seed: 3, epochs: 1, batchSize: 64, learningRate: 0.001, patience: 2, trainLimit: 256, testLimit: 64,
  dataDir, backend: 'wasm', workers: 1, samples: [], igMaxSteps: 512,
});

/**
 * Visualization is tested on its own; here a stand-in writes one file so the run stays fast. The file
 * records what the stage was given, so a redraw can be compared with a full build.
 */
const fakeVisualize: NonNullable<RunOptions['visualize']> = async ({ outDir, extraSamples, predictions }) => {
  const given = { extraSamples, predicted: Array.from(predictions.predicted), probabilities: Array.from(predictions.probabilities) };
  await writeFile(path.join(outDir, 'visuals.json'), JSON.stringify(given));
  const { describeFile } = await import('../../pipeline/artifacts/describeFile');
  return [await describeFile(outDir, 'visuals.json', 'visual-index')];
};

/** Likewise for the explain stage (tested in test/explain). */
const fakeExplain: NonNullable<RunOptions['explain']> = async ({ outDir }) => {
  await writeFile(path.join(outDir, 'explain.json'), '{}');
  const { describeFile } = await import('../../pipeline/artifacts/describeFile');
  return { files: [await describeFile(outDir, 'explain.json', 'explain-index')], metrics: { ig_completeness_max: 0.01 } };
};

/** And for the channel dictionary (tested in test/explain/dictionary). */
const fakeChannels: NonNullable<RunOptions['channels']> = async ({ outDir }) => {
  await writeFile(path.join(outDir, 'channels.json'), '{}');
  const { describeFile } = await import('../../pipeline/artifacts/describeFile');
  return { files: [await describeFile(outDir, 'channels.json', 'channels-index')], metrics: { dictionary_seconds: 0.5 } };
};

async function run(outDir: string, extra: Partial<RunOptions> = {}) {
  const lines: string[] = [];
  let epochs = 0;
  const progress = { ...silentProgress, epochStart: () => void epochs++ };
  const result = await runPipeline({ config: config(), outDir, log: (l) => lines.push(l), progress, visualize: fakeVisualize, explain: fakeExplain, channels: fakeChannels, ...extra });
  return { result, lines, epochs };
}

const fileHashes = (m: { files: { path: string; sha256: string }[] }) => Object.fromEntries(m.files.map((f) => [f.path, f.sha256]));

describe('runPipeline', () => {
  it('builds, then says fresh on a re-run, then rebuilds with force or after damage', async () => {
    const out = path.join(await mkdtemp(path.join(tmpdir(), 'run-')), 'artifacts');
    const first = await run(out);
    expect(first.result.status).toBe('built');
    const manifest = JSON.parse(await readFile(path.join(out, 'manifest.json'), 'utf8'));
    expect(manifest.files.map((f: { path: string }) => f.path)).toEqual(
      expect.arrayContaining(['history.json', 'summary.json', 'evaluation.json', 'predictions.json', 'probabilities.u8', 'model/model.json', 'model/weights.bin', 'visuals.json']),
    );
    expect(manifest.metrics.total_params).toBe(110474);
    expect(manifest.metrics.ig_completeness_max).toBe(0.01);
    expect(manifest.timings.explain).toBeGreaterThanOrEqual(0);
    expect(manifest.timings.channels).toBeGreaterThanOrEqual(0);
    expect(manifest.metrics.dictionary_seconds).toBe(0.5);
    expect(manifest.files.map((f: { path: string }) => f.path)).toContain('channels.json');
    expect(manifest.files.map((f: { path: string }) => f.path)).toContain('explain.json');
    // The distributions and the embedding map (issue #13) run for real on the 64 test images.
    expect(manifest.files.map((f: { path: string }) => f.path)).toEqual(expect.arrayContaining(['explain/distributions.json', 'explain/embedding/embedding.json', 'explain/embedding/codes.f32', 'explain/embedding/umap.f32', 'explain/embedding/pca.f32', 'explain/embedding/points.u16']));
    expect(manifest.timings.distributions).toBeGreaterThan(0);
    expect(manifest.timings.embedding).toBeGreaterThan(0);
    expect(manifest.metrics).toMatchObject({ embedding_points: 64, conv_channels: 224 });
    expect(manifest.backend.name).toBe('wasm');
    expect(manifest.versions).toMatchObject({ '@tensorflow/tfjs-core': '4.22.0', '@tensorflow/tfjs-layers': '4.22.0', backend: 'wasm 4.22.0' });

    const second = await run(out);
    expect(second.lines.join('\n')).not.toMatch(/stale/);
    expect(second.result.status).toBe('fresh');
    expect(second.lines.join('\n')).toMatch(/artifacts: fresh/);

    const forced = await run(out, { force: true });
    expect(forced.result.status).toBe('built');

    await writeFile(path.join(out, 'history.json'), '{}');
    const repaired = await run(out);
    expect(repaired.result.status).toBe('built');
    expect(repaired.lines.join('\n')).toMatch(/stale \(history.json does not match/);
  });

  it('refuses to train with train: false and names the command to run', async () => {
    const out = path.join(await mkdtemp(path.join(tmpdir(), 'run-')), 'artifacts');
    await expect(run(out, { train: false })).rejects.toThrow(/npm run pipeline/);
    expect(existsSync(out)).toBe(false);
  });

  it('names the training input that changed when train: false finds stale artifacts', async () => {
    const out = path.join(await mkdtemp(path.join(tmpdir(), 'run-')), 'artifacts');
    await run(out);
    await expect(run(out, { train: false, config: { ...config(), preset: 'seed', seed: 4 } })).rejects.toThrow(
      `the artifacts in ${out} are not usable: the config changed: preset quick → seed, seed 3 → 4. Run \`npm run pipeline\` with the same flags (or build without --no-train).`,
    );
  });

  it('leaves the previous artifacts untouched when a later stage throws', async () => {
    const root = await mkdtemp(path.join(tmpdir(), 'run-'));
    const out = path.join(root, 'artifacts');
    await run(out);
    const before = await readFile(path.join(out, 'manifest.json'), 'utf8');
    const failing: RunOptions['visualize'] = async () => {
      throw new Error('renderer crashed');
    };
    await expect(run(out, { force: true, visualize: failing })).rejects.toThrow('renderer crashed');
    expect(await readFile(path.join(out, 'manifest.json'), 'utf8')).toBe(before);
    expect(await readdir(root)).toEqual(['artifacts']);
    const incomplete: RunOptions['explain'] = async () => {
      throw new Error('explain: Integrated Gradients misses completeness');
    };
    await expect(run(out, { force: true, explain: incomplete })).rejects.toThrow('misses completeness');
    expect(await readFile(path.join(out, 'manifest.json'), 'utf8')).toBe(before);
    expect(await readdir(root)).toEqual(['artifacts']);
  });

  it('stops on a stop request during training or drawing: staging removed, lock released, previous artifacts kept', async () => {
    const root = await mkdtemp(path.join(tmpdir(), 'run-'));
    const out = path.join(root, 'artifacts');
    await run(out);
    const before = await readFile(path.join(out, 'manifest.json'), 'utf8');
    const stop = new Error('stopped by SIGTERM: nothing was changed');
    const inTraining = new AbortController();
    const progress = { ...silentProgress, batch: () => inTraining.abort(stop) };
    await expect(run(out, { force: true, progress, signal: inTraining.signal })).rejects.toBe(stop);
    expect(await readFile(path.join(out, 'manifest.json'), 'utf8')).toBe(before);
    expect(await readdir(root)).toEqual(['artifacts']);
    const inDrawing = new AbortController();
    let explained = false;
    const visualize: RunOptions['visualize'] = async (context) => {
      inDrawing.abort(stop);
      return fakeVisualize(context);
    };
    await expect(run(out, { force: true, visualize, explain: async () => { explained = true; return { files: [], metrics: {} }; }, signal: inDrawing.signal })).rejects.toBe(stop);
    expect(explained).toBe(false);
    expect(await readFile(path.join(out, 'manifest.json'), 'utf8')).toBe(before);
    expect(await readdir(root)).toEqual(['artifacts']);
  });

  it('reads a --model file before the data, so a missing file is named without decoding anything, and fits the data to its input', async () => {
    const out = path.join(await mkdtemp(path.join(tmpdir(), 'run-')), 'artifacts');
    const asked: unknown[] = [];
    const loadData: NonNullable<RunOptions['loadData']> = async (options) => {
      asked.push(options.input);
      throw new Error('stop after the data was asked for');
    };
    const missing = { loadModelFile: async (file: string) => Promise.reject(new Error(`${file}: not found`)), loadArchitectureFile: async () => Promise.reject(new Error('unused')) };
    await expect(runPipeline({ config: { ...config(), model: 'gone.h5' }, outDir: out, log: () => {}, progress: silentProgress, importers: missing, loadData })).rejects.toThrow('gone.h5: not found');
    expect(asked).toEqual([]);
    const { createModel } = await import('../../pipeline/model/createModel');
    const colour = { loadModelFile: async () => ({ model: createModel({ seed: 1, input: { height: 32, width: 32, channels: 3 }, classes: 4 }), source: { kind: 'imported' as const, file: 'c.h5', format: 'h5' as const } }), loadArchitectureFile: missing.loadArchitectureFile };
    await expect(runPipeline({ config: { ...config(), model: 'c.h5' }, outDir: out, log: () => {}, progress: silentProgress, importers: colour, loadData })).rejects.toThrow('stop after the data was asked for');
    expect(asked).toEqual([{ height: 32, width: 32, channels: 3, scale: 'unit' }]);
    expect(existsSync(out)).toBe(false);
  });

  it('rejects a --test-limit too small to hold the article sample before training', async () => {
    const out = path.join(await mkdtemp(path.join(tmpdir(), 'run-')), 'artifacts');
    const given = runPipeline({ config: { ...config(), testLimit: 40 }, outDir: out, log: () => {}, progress: silentProgress });
    await expect(given).rejects.toThrow('--test-limit 40: the article sample: test index 51 does not exist; the test set has 40 images (0–39)');
    await expect(given).rejects.toBeInstanceOf(UsageError);
  });

  it('blames the data when its test set is too small to hold the article sample, as an expected data error', async () => {
    const small = await writeTinyIdxFolder({ train: 256, test: 40 });
    const out = path.join(await mkdtemp(path.join(tmpdir(), 'run-')), 'artifacts');
    const given = runPipeline({ config: { ...config(), dataDir: small }, outDir: out, log: () => {}, progress: silentProgress });
    await expect(given).rejects.toThrow(
      `${path.join(small, 't10k-images-idx3-ubyte')}: the test set has only 40 images, but the article follows test image 51, so it needs at least 52. Point --data-dir at a folder whose test set holds 52 images or more.`,
    );
    await expect(given).rejects.toBeInstanceOf(IdxError);
  });

  it('rejects a sample index outside the test set before training, as a usage error', async () => {
    const out = path.join(await mkdtemp(path.join(tmpdir(), 'run-')), 'artifacts');
    const given = runPipeline({ config: { ...config(), samples: [99999] }, outDir: out, log: () => {}, progress: silentProgress });
    await expect(given).rejects.toThrow(
      "--samples: test index 99999 does not exist; the test set has 64 images (0–63); the data's test set has 64 images: give an index below 64.\nRun with --help to see every flag.",
    );
    await expect(given).rejects.toBeInstanceOf(UsageError);
    expect(existsSync(out)).toBe(false);
  });

  it('uses all the data for limits beyond it, records the numbers used, and counts it the same run as those numbers', async () => {
    const out = path.join(await mkdtemp(path.join(tmpdir(), 'run-')), 'artifacts');
    const beyond = await run(out, { config: { ...config(), trainLimit: 99999999, testLimit: 20000 } });
    expect(beyond.result.status).toBe('built');
    expect(beyond.lines).toContain('--train-limit 99999999 is more than the 256 training images in the data: using all 256 training images');
    expect(beyond.lines).toContain('--test-limit 20000 is more than the 64 test images in the data: using all 64 test images');
    const manifest = JSON.parse(await readFile(path.join(out, 'manifest.json'), 'utf8'));
    expect(manifest.config).toMatchObject({ trainLimit: 256, testLimit: 64 });
    expect(manifest.data).toMatchObject({ trainCount: 256, testCount: 64, known: null });
    expect((await run(out)).result.status).toBe('fresh'); // trainLimit 256, testLimit 64
  });

  it('refuses a --batch-size larger than the training set before training', async () => {
    const out = path.join(await mkdtemp(path.join(tmpdir(), 'run-')), 'artifacts');
    await expect(run(out, { config: { ...config(), batchSize: 100000 } })).rejects.toThrow(
      '--batch-size 100000 is larger than the training set (256 images used): give a --batch-size of at most 256.',
    );
    expect(existsSync(out)).toBe(false);
  });

  it('redraws without retraining when only --samples changes, giving the files a full build gives', async () => {
    const root = await mkdtemp(path.join(tmpdir(), 'run-'));
    const out = path.join(root, 'artifacts');
    const first = await run(out);
    const redrawn = await run(out, { config: { ...config(), samples: [7] } });
    expect(redrawn.result.status).toBe('redrawn');
    expect(redrawn.epochs).toBe(0);
    expect(redrawn.lines.join('\n')).toMatch(/redrawing \(drawing inputs changed/);
    expect(redrawn.result.manifest.trainingKey).toBe(first.result.manifest.trainingKey);
    // The timelapse is recorded while training: a redraw carries the record over and draws it again.
    const record = (m: typeof first.result.manifest) => m.files.filter((f) => f.kind.startsWith('timelapse-record')).map((f) => [f.path, f.sha256]);
    expect(record(redrawn.result.manifest)).toEqual(record(first.result.manifest));
    expect(record(first.result.manifest).map(([p]) => p)).toEqual(['timelapse/record.bin.gz', 'timelapse/record.json']);
    expect(redrawn.result.manifest.files.filter((f) => f.kind === 'timelapse-frame')).toHaveLength(4); // epochs 0 and 1
    expect(redrawn.result.manifest.timings.timelapse).toBeGreaterThan(0);
    expect(JSON.parse(await readFile(path.join(out, 'visuals.json'), 'utf8')).extraSamples).toEqual([7]);
    expect((await run(out, { config: { ...config(), samples: [7] } })).result.status).toBe('fresh');

    const full = await run(path.join(root, 'full'), { config: { ...config(), samples: [7] } });
    expect(full.epochs).toBe(1);
    // Every file is the same, history.json apart from its timings.
    const { 'history.json': _, ...rest } = fileHashes(full.result.manifest);
    expect(fileHashes(redrawn.result.manifest)).toMatchObject(rest);
    const losses = async (dir: string) => JSON.parse(await readFile(path.join(dir, 'history.json'), 'utf8')).epochs.map((e: { loss: number; valLoss: number }) => [e.loss, e.valLoss]);
    expect(await losses(out)).toEqual(await losses(path.join(root, 'full')));
    expect(await readdir(root)).toEqual(['artifacts', 'full']);
  });

  it('keeps the artifacts fresh for another spelling of --data-dir and for --workers on a backend without workers', async () => {
    const out = path.join(await mkdtemp(path.join(tmpdir(), 'run-')), 'artifacts');
    // The cpu kernels train at about a second per image: eight images, one step.
    const cpu = { ...config(), backend: 'cpu' as const, workers: 1, trainLimit: 8, batchSize: 8 };
    expect((await run(out, { config: cpu })).result.status).toBe('built');
    const again = await run(out, { config: { ...cpu, dataDir: path.relative(process.cwd(), dataDir), workers: 3 } });
    expect(again.lines.join('\n')).not.toMatch(/stale/);
    expect(again.result.status).toBe('fresh');
  });

  it('stops a second run on the same folder with a clear message while the first is still writing, and lets the first finish', async () => {
    const out = path.join(await mkdtemp(path.join(tmpdir(), 'run-')), 'artifacts');
    let drawing!: () => void;
    let release!: () => void;
    const started = new Promise<void>((resolve) => (drawing = resolve));
    const held = new Promise<void>((resolve) => (release = resolve));
    const slowVisualize: RunOptions['visualize'] = async (ctx) => {
      drawing();
      await held;
      return fakeVisualize(ctx);
    };
    const first = run(out, { visualize: slowVisualize });
    await started;
    await expect(run(out)).rejects.toThrow(/another run \(pid \d+, started .*\) is writing .*artifacts/);
    release();
    expect((await first).result.status).toBe('built');
    expect((await run(out)).result.status).toBe('fresh');
  });

  describe('degenerate runs and damaged manifests (issue #22)', () => {
    /** A built artifacts folder in a scratch root, and every file's bytes, to show a later run kept them. */
    async function built() {
      const root = await mkdtemp(path.join(tmpdir(), 'run-'));
      const out = path.join(root, 'artifacts');
      await run(out);
      return { root, out, before: await folderSnapshot(out) };
    }

    async function expectKept({ root, out, before }: Awaited<ReturnType<typeof built>>) {
      expect(await folderSnapshot(out)).toEqual(before);
      expect(await readdir(root)).toEqual(['artifacts']);
    }

    // Row 8: 0 training images used to train on nothing and publish a NaN loss.
    it('refuses a data folder whose training files hold 0 images, naming them, before training', async () => {
      const built1 = await built();
      const empty = await writeTinyIdxFolder({ train: 0, test: 64 });
      await expect(run(built1.out, { force: true, config: { ...config(), dataDir: empty } })).rejects.toThrow(
        `${path.join(empty, 'train-*')}: the training set holds 0 images: point --data-dir at a folder whose IDX files hold images.`,
      );
      await expectKept(built1);
    });

    // Row 8: a metric a stage cannot compute (PCA variance NaN with --learning-rate 1000) used to be written as null.
    it('stops when a stage cannot compute a metric, naming the stage and the settings, and keeps the previous artifacts', async () => {
      const built1 = await built();
      const nanEmbedding: RunOptions['embedding'] = async () => ({ files: [], metrics: { embedding_points: 64, pca_explained: NaN } });
      await expect(run(built1.out, { force: true, embedding: nanEmbedding, config: { ...config(), learningRate: 1000 } })).rejects.toThrow(
        'the embedding stage could not compute pca_explained (NaN): the trained model or the data is degenerate (e.g. every unit inactive after a too-high learning rate). Lower --learning-rate (now 1000) or check the training data (--data-dir); the previous artifacts were kept.',
      );
      await expectKept(built1);
    });

    // The last line of defence: whatever the stage checks miss, a manifest the site would reject is not committed.
    it('refuses to commit a manifest the site schema rejects, naming the field, and keeps the previous artifacts', async () => {
      const built1 = await built();
      const badEntry: RunOptions['channels'] = async () => ({ files: [{ path: 'channels.json', kind: 'channels-index', bytes: 2, sha256: null as unknown as string }], metrics: {} });
      const error = await run(built1.out, { force: true, channels: badEntry }).catch((e: Error) => e);
      expect(error).toBeInstanceOf(ManifestRejectedError);
      expect((error as Error).message).toMatch(/^refusing to write manifest\.json: files\.\d+\.sha256: Expected string, received null\. The site could not read it, so nothing was committed and the previous artifacts in .*artifacts were kept\./);
      await expectKept(built1);
    });

    // Row 9: valid JSON of the wrong shape used to crash with "Cannot read properties of null".
    it('rebuilds over a manifest of the wrong shape, and with train: false names manifest.json and the command', async () => {
      for (const [what, damage, field] of [
        ['null', () => 'null', '(root): Expected object, received null'],
        ['a null file entry', (m: string) => JSON.stringify({ ...JSON.parse(m), files: [null] }), 'files.0: Expected object, received null'],
      ] as const) {
        const built1 = await built();
        await writeFile(path.join(built1.out, 'manifest.json'), damage(await readFile(path.join(built1.out, 'manifest.json'), 'utf8')));
        const damaged = { ...built1, before: await folderSnapshot(built1.out) };
        await expect(run(built1.out, { train: false }), what).rejects.toThrow(
          `the artifacts in ${built1.out} are not usable: manifest.json is damaged (${field}). Run \`npm run pipeline\` with the same flags (or build without --no-train).`,
        );
        await expectKept(damaged);
        const rebuilt = await run(built1.out);
        expect(rebuilt.result.status, what).toBe('built');
        expect(rebuilt.lines.join('\n'), what).toContain(`artifacts: stale (manifest.json is damaged (${field})); building`);
      }
    });

    // Row 14: an edited number used to give "fresh" and be published beside a chart of the real one.
    it('rebuilds when a metric in manifest.json was edited by hand, naming the metric and its file', async () => {
      const built1 = await built();
      const file = path.join(built1.out, 'manifest.json');
      const manifest = JSON.parse(await readFile(file, 'utf8'));
      const real = manifest.metrics.test_accuracy;
      manifest.metrics.test_accuracy = 0.9999;
      await writeFile(file, JSON.stringify(manifest));
      const edited = { ...built1, before: await folderSnapshot(built1.out) };
      await expect(run(built1.out, { train: false })).rejects.toThrow(`metrics in manifest.json do not match evaluation.json (test_accuracy is 0.9999 in manifest.json, ${real} in evaluation.json)`);
      await expectKept(edited);
      const rebuilt = await run(built1.out);
      expect(rebuilt.result.status).toBe('built');
      expect(rebuilt.result.manifest.metrics.test_accuracy).toBe(real);
    });
  });
});

