import { mkdir, mkdtemp, rename, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ArtifactsNotReadyError, cacheKey, checkArtifacts, pipelineSourceHash } from '../../pipeline/artifacts/cache';
import { describeFile } from '../../pipeline/artifacts/describeFile';
import { SCHEMA_VERSION, type PipelineConfig } from '../../pipeline/artifacts/types';

const config: PipelineConfig = {
  preset: 'quick', seed: 1, epochs: 1, batchSize: 128, learningRate: 0.001, patience: 2, trainLimit: 10, testLimit: 10,
  dataDir: null, backend: 'auto', workers: 1, samples: [],
};
const data = [{ name: 'a', bytes: 1, sha256: 'aa', checksumKnown: true }];

async function artifactsWith(key: string, manifest: Record<string, unknown> = {}) {
  const dir = await mkdtemp(path.join(tmpdir(), 'cache-'));
  await writeFile(path.join(dir, 'history.json'), '{"epochs":[]}');
  const files = [await describeFile(dir, 'history.json', 'history')];
  await writeFile(path.join(dir, 'manifest.json'), JSON.stringify({ schemaVersion: SCHEMA_VERSION, cacheKey: key, files, ...manifest }));
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

describe('cacheKey', () => {
  it('changes with the config, the data and the pipeline version', () => {
    const k = cacheKey(config, data, 'v1');
    expect(cacheKey({ ...config }, data, 'v1')).toBe(k);
    expect(cacheKey({ ...config, seed: 2 }, data, 'v1')).not.toBe(k);
    expect(cacheKey(config, [{ ...data[0], sha256: 'bb' }], 'v1')).not.toBe(k);
    expect(cacheKey(config, data, 'v2')).not.toBe(k);
  });
});

describe('checkArtifacts', () => {
  it('says fresh when the key matches and every file is intact', async () => {
    const dir = await artifactsWith('k');
    expect((await checkArtifacts(dir, 'k')).fresh).toBe(true);
  });

  it('says stale when the inputs changed', async () => {
    const dir = await artifactsWith('k');
    expect(await checkArtifacts(dir, 'other')).toEqual({ fresh: false, reason: 'config, data or pipeline code changed' });
  });

  it('returns the manifest it checked when fresh', async () => {
    const dir = await artifactsWith('k');
    const result = await checkArtifacts(dir, 'k');
    expect(result.fresh && result.manifest).toMatchObject({ schemaVersion: SCHEMA_VERSION, cacheKey: 'k', files: [{ path: 'history.json' }] });
  });

  it('says there is no manifest yet in an empty folder', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'cache-'));
    expect(await checkArtifacts(dir, 'k')).toEqual({ fresh: false, reason: 'no manifest.json yet' });
  });

  it('names both schema versions when the manifest was written by another pipeline version', async () => {
    const dir = await artifactsWith('k', { schemaVersion: SCHEMA_VERSION + 1 });
    expect(await checkArtifacts(dir, 'k')).toEqual({ fresh: false, reason: `manifest schema ${SCHEMA_VERSION + 1}, this pipeline writes ${SCHEMA_VERSION}` });
  });

  it('says stale when the manifest lists no files', async () => {
    for (const files of [[], undefined]) {
      const dir = await artifactsWith('k', { files });
      expect(await checkArtifacts(dir, 'k')).toEqual({ fresh: false, reason: 'manifest lists no files' });
    }
  });

  it('names a listed file that is missing', async () => {
    const dir = await artifactsWith('k');
    await rm(path.join(dir, 'history.json'));
    expect(await checkArtifacts(dir, 'k')).toEqual({ fresh: false, reason: 'history.json is missing' });
  });

  it('detects a same-size corruption by its SHA-256', async () => {
    const dir = await artifactsWith('k');
    await writeFile(path.join(dir, 'history.json'), '{"epochs":[]]'); // one byte changed, length kept
    expect(await checkArtifacts(dir, 'k')).toEqual({ fresh: false, reason: 'history.json does not match its manifest entry (damaged)' });
  });

  it('detects a damaged file', async () => {
    const dir = await artifactsWith('k');
    await writeFile(path.join(dir, 'history.json'), '{"epochs":[1]}');
    expect(await checkArtifacts(dir, 'k')).toMatchObject({ fresh: false, reason: expect.stringMatching(/history.json.*damaged/) });
  });

  it('detects a damaged manifest', async () => {
    const dir = await artifactsWith('k');
    await writeFile(path.join(dir, 'manifest.json'), '{"schemaVer');
    expect(await checkArtifacts(dir, 'k')).toMatchObject({ fresh: false, reason: expect.stringMatching(/^manifest.json is damaged \(.*JSON/) });
  });
});

describe('ArtifactsNotReadyError', () => {
  it('is an Error named for what happened, carrying the message', () => {
    const error = new ArtifactsNotReadyError('run npm run pipeline first');
    expect(error).toBeInstanceOf(Error);
    expect([error.name, error.message]).toEqual(['ArtifactsNotReadyError', 'run npm run pipeline first']);
  });
});
