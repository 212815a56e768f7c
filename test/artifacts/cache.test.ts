import { mkdir, mkdtemp, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ArtifactsNotReadyError, checkArtifacts } from '../../pipeline/artifacts/cache';
import { pipelineSourceHash } from '../../pipeline/artifacts/cacheKeys';
import { describeFile } from '../../pipeline/artifacts/describeFile';
import { SCHEMA_VERSION, type PipelineConfig } from '../../pipeline/artifacts/types';
import { SOURCE_FILES, validManifest } from './manifestFixture';
import { folderSnapshot } from '../folderSnapshot';

const keys = { training: 't', drawing: 'd' };

/**
 * Artifacts whose manifest honours the schema, with the training files the metrics come from and one
 * drawn file (visuals.json); `manifest` overrides fields.
 */
async function artifactsWith(manifestKeys: { training: string; drawing: string }, manifest: Record<string, unknown> = {}) {
  const dir = await mkdtemp(path.join(tmpdir(), 'cache-'));
  const files = [];
  for (const [rel, kind, value] of [...SOURCE_FILES, ['visuals.json', 'visual-index', {}]] as const) {
    await writeFile(path.join(dir, rel), JSON.stringify(value));
    files.push(await describeFile(dir, rel, kind));
  }
  await writeFile(path.join(dir, 'manifest.json'), JSON.stringify({ ...validManifest(files, manifestKeys), ...manifest }));
  return dir;
}


/** A small source tree: two TypeScript files (one nested), one .mjs and a README. */
async function sourceTree() {
  const root = await mkdtemp(path.join(tmpdir(), 'src-'));
  await mkdir(path.join(root, 'train'));
  await writeFile(path.join(root, 'main.ts'), 'export const a = 1;\n');
  await writeFile(path.join(root, 'train', 'step.ts'), 'export const b = 2;\n');
  await writeFile(path.join(root, 'train', 'boot.mjs'), 'import "./step.ts";\n');
  await writeFile(path.join(root, 'README.md'), '# notes\n');
  return root;
}

describe('pipelineSourceHash', () => {
  it('is a short hex digest that stays the same for the same sources', async () => {
    const root = await sourceTree();
    const hash = await pipelineSourceHash(root);
    expect(hash).toMatch(/^[0-9a-f]{16}$/);
    expect(await pipelineSourceHash(root)).toBe(hash);
    expect(await pipelineSourceHash(await sourceTree())).toBe(hash); // another folder, same relative paths
    await rm(root, { recursive: true });
  });

  it('changes when a nested .ts or .mjs file changes, or a source file is renamed', async () => {
    const root = await sourceTree();
    const hash = await pipelineSourceHash(root);
    await writeFile(path.join(root, 'train', 'step.ts'), 'export const b = 3;\n');
    const edited = await pipelineSourceHash(root);
    expect(edited).not.toBe(hash);
    await writeFile(path.join(root, 'train', 'boot.mjs'), 'import "./step.js";\n');
    const editedMjs = await pipelineSourceHash(root);
    expect(editedMjs).not.toBe(edited);
    await rename(path.join(root, 'main.ts'), path.join(root, 'entry.ts'));
    expect(await pipelineSourceHash(root)).not.toBe(editedMjs);
    await rm(root, { recursive: true });
  });

  it('ignores files that are not code', async () => {
    const root = await sourceTree();
    const hash = await pipelineSourceHash(root);
    await writeFile(path.join(root, 'README.md'), '# other notes\n');
    await writeFile(path.join(root, 'train', 'data.json'), '{}');
    expect(await pipelineSourceHash(root)).toBe(hash);
    await rm(root, { recursive: true });
  });
});

describe('checkArtifacts', () => {
  it('says fresh when both keys match and every file is intact, and returns the manifest it checked', async () => {
    const dir = await artifactsWith(keys);
    const result = await checkArtifacts(dir, keys);
    expect(result.state).toBe('fresh');
    expect(result.state === 'fresh' && result.manifest).toMatchObject({ schemaVersion: SCHEMA_VERSION, cacheKey: 'd', files: [{ path: 'history.json' }, { path: 'evaluation.json' }, { path: 'summary.json' }, { path: 'data.json' }, { path: 'visuals.json' }] });
  });

  it('says stale when the training inputs changed', async () => {
    const dir = await artifactsWith(keys);
    expect(await checkArtifacts(dir, { ...keys, training: 'other' })).toEqual({ state: 'stale', reason: expect.stringMatching(/^training inputs changed/) });
  });

  it('names the training input that changed when given the current inputs', async () => {
    const config: PipelineConfig = { preset: 'quick', seed: 42, epochs: 2, batchSize: 128, learningRate: 0.001, patience: 2, trainLimit: 4096, testLimit: 1000, dataDir: null, backend: 'wasm', workers: 1, samples: [], igMaxSteps: 512 };
    const dir = await artifactsWith(keys, { config, backend: { name: 'wasm', version: '4.22.0', threads: 1, description: 'wasm' }, versions: { backend: 'wasm 4.22.0' } });
    const current = { config: { ...config, preset: 'seed' as const, epochs: 100 }, data: [], backend: { name: 'wasm' as const, version: '4.22.0' }, versions: {} };
    expect(await checkArtifacts(dir, { ...keys, training: 'other' }, current)).toEqual({ state: 'stale', reason: 'the config changed: preset quick → seed, epochs 2 → 100' });
  });

  it('says redraw when only the drawing inputs changed', async () => {
    const dir = await artifactsWith(keys);
    expect(await checkArtifacts(dir, { ...keys, drawing: 'other' })).toMatchObject({ state: 'redraw', reason: expect.stringMatching(/^drawing inputs changed/) });
  });

  it('says redraw for a damaged drawing, stale for a damaged training file', async () => {
    const dir = await artifactsWith(keys);
    await writeFile(path.join(dir, 'visuals.json'), '{"x":1}');
    expect(await checkArtifacts(dir, keys)).toMatchObject({ state: 'redraw', reason: expect.stringMatching(/visuals.json.*damaged/) });
    await writeFile(path.join(dir, 'history.json'), '{"epochs":[1]}');
    expect(await checkArtifacts(dir, keys)).toMatchObject({ state: 'stale', reason: expect.stringMatching(/history.json.*damaged/) });
  });

  it('says there is no manifest yet in an empty folder', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'cache-'));
    expect(await checkArtifacts(dir, keys)).toEqual({ state: 'stale', reason: 'no manifest.json yet' });
  });

  it('names both schema versions when the manifest was written by another pipeline version', async () => {
    const dir = await artifactsWith(keys, { schemaVersion: SCHEMA_VERSION + 1 });
    expect(await checkArtifacts(dir, keys)).toEqual({ state: 'stale', reason: `manifest schema ${SCHEMA_VERSION + 1}, this pipeline writes ${SCHEMA_VERSION}` });
  });

  it('says stale when the manifest lists no files', async () => {
    const dir = await artifactsWith(keys, { files: [] });
    expect(await checkArtifacts(dir, keys)).toEqual({ state: 'stale', reason: 'manifest lists no files' });
  });

  // Row 9 of issue #22: valid JSON of the wrong shape used to crash the check ("Cannot read properties of null").
  it('says a manifest of the wrong shape is damaged, naming the field, and changes nothing', async () => {
    const cases: [string, (dir: string) => Promise<void>, RegExp][] = [
      ['null', (dir) => writeFile(path.join(dir, 'manifest.json'), 'null'), /^manifest.json is damaged \(\(root\): Expected object, received null/],
      ['{}', (dir) => writeFile(path.join(dir, 'manifest.json'), '{}'), /^manifest.json is damaged \(schemaVersion: Required/],
      ['a null file entry', async (dir) => {
        const m = JSON.parse(await readFile(path.join(dir, 'manifest.json'), 'utf8'));
        m.files[1] = null;
        await writeFile(path.join(dir, 'manifest.json'), JSON.stringify(m));
      }, /^manifest.json is damaged \(files.1: Expected object, received null\)$/],
      ['a metric of the wrong type', async (dir) => {
        const m = JSON.parse(await readFile(path.join(dir, 'manifest.json'), 'utf8'));
        m.metrics.test_accuracy = '0.9';
        await writeFile(path.join(dir, 'manifest.json'), JSON.stringify(m));
      }, /^manifest.json is damaged \(metrics.test_accuracy: Expected number, received string\)$/],
    ];
    for (const [what, damage, reason] of cases) {
      const dir = await artifactsWith(keys);
      await damage(dir);
      const before = await folderSnapshot(dir);
      expect(await checkArtifacts(dir, keys), what).toEqual({ state: 'stale', reason: expect.stringMatching(reason) });
      expect(await folderSnapshot(dir), what).toEqual(before);
    }
  });

  // Row 14 of issue #22: the manifest is not hashed, so an edited number used to pass as fresh.
  it('says stale when a metric in the manifest differs from the file it comes from, naming both', async () => {
    const dir = await artifactsWith(keys);
    const m = JSON.parse(await readFile(path.join(dir, 'manifest.json'), 'utf8'));
    m.metrics.test_accuracy = 0.9999;
    await writeFile(path.join(dir, 'manifest.json'), JSON.stringify(m));
    const before = await folderSnapshot(dir);
    expect(await checkArtifacts(dir, keys)).toEqual({
      state: 'stale', reason: 'metrics in manifest.json do not match evaluation.json (test_accuracy is 0.9999 in manifest.json, 0.833 in evaluation.json)',
    });
    expect(await folderSnapshot(dir)).toEqual(before);
    delete m.metrics.train_images;
    m.metrics.test_accuracy = 0.833;
    await writeFile(path.join(dir, 'manifest.json'), JSON.stringify(m));
    expect(await checkArtifacts(dir, keys)).toEqual({
      state: 'stale', reason: 'metrics in manifest.json do not match data.json (train_images is missing in manifest.json, 100 in data.json)',
    });
  });

  it('says stale when the manifest lists none of a file the metrics come from', async () => {
    const dir = await artifactsWith(keys);
    const m = JSON.parse(await readFile(path.join(dir, 'manifest.json'), 'utf8'));
    m.files = m.files.filter((f: { kind: string }) => f.kind !== 'summary');
    await writeFile(path.join(dir, 'manifest.json'), JSON.stringify(m));
    expect(await checkArtifacts(dir, keys)).toEqual({ state: 'stale', reason: 'manifest.json lists no file of kind "summary"' });
  });

  it('names a listed file that is missing', async () => {
    const dir = await artifactsWith(keys);
    await rm(path.join(dir, 'history.json'));
    expect(await checkArtifacts(dir, keys)).toEqual({ state: 'stale', reason: 'history.json is missing' });
  });

  it('detects a same-size corruption by its SHA-256', async () => {
    const dir = await artifactsWith(keys);
    await writeFile(path.join(dir, 'history.json'), '{"epochs":[]]'); // one byte changed, length kept
    expect(await checkArtifacts(dir, keys)).toEqual({ state: 'stale', reason: 'history.json does not match its manifest entry (damaged)' });
  });

  it('detects a damaged manifest', async () => {
    const dir = await artifactsWith(keys);
    await writeFile(path.join(dir, 'manifest.json'), '{"schemaVer');
    expect(await checkArtifacts(dir, keys)).toMatchObject({ state: 'stale', reason: expect.stringMatching(/^manifest.json is damaged \(.*JSON/) });
  });
});

describe('ArtifactsNotReadyError', () => {
  it('is an Error named for what happened, carrying the message', () => {
    const error = new ArtifactsNotReadyError('run npm run pipeline first');
    expect(error).toBeInstanceOf(Error);
    expect([error.name, error.message]).toEqual(['ArtifactsNotReadyError', 'run npm run pipeline first']);
  });
});
