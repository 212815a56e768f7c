import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { cacheKey, checkArtifacts } from '../../pipeline/artifacts/cache';
import { describeFile } from '../../pipeline/artifacts/describeFile';
import { SCHEMA_VERSION, type PipelineConfig } from '../../pipeline/artifacts/types';

const config: PipelineConfig = {
  preset: 'quick', seed: 1, epochs: 1, batchSize: 128, learningRate: 0.001, patience: 2, trainLimit: 10, testLimit: 10,
  dataDir: null, backend: 'auto', workers: 1, samples: [],
};
const data = [{ name: 'a', bytes: 1, sha256: 'aa', checksumKnown: true }];

async function artifactsWith(key: string) {
  const dir = await mkdtemp(path.join(tmpdir(), 'cache-'));
  await writeFile(path.join(dir, 'history.json'), '{"epochs":[]}');
  const files = [await describeFile(dir, 'history.json', 'history')];
  await writeFile(path.join(dir, 'manifest.json'), JSON.stringify({ schemaVersion: SCHEMA_VERSION, cacheKey: key, files }));
  return dir;
}

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

  it('detects a damaged file', async () => {
    const dir = await artifactsWith('k');
    await writeFile(path.join(dir, 'history.json'), '{"epochs":[1]}');
    expect(await checkArtifacts(dir, 'k')).toMatchObject({ fresh: false, reason: expect.stringMatching(/history.json.*damaged/) });
  });

  it('detects a damaged manifest', async () => {
    const dir = await artifactsWith('k');
    await writeFile(path.join(dir, 'manifest.json'), '{"schemaVer');
    expect(await checkArtifacts(dir, 'k')).toMatchObject({ fresh: false, reason: expect.stringMatching(/manifest.json is damaged/) });
  });
});
