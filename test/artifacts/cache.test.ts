import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkArtifacts } from '../../pipeline/artifacts/cache';
import { describeFile } from '../../pipeline/artifacts/describeFile';
import { SCHEMA_VERSION } from '../../pipeline/artifacts/types';

const keys = { training: 't', drawing: 'd' };

/** Artifacts with one training file (history.json) and one drawn file (visuals.json). */
async function artifactsWith(manifestKeys: { training: string; drawing: string }) {
  const dir = await mkdtemp(path.join(tmpdir(), 'cache-'));
  await writeFile(path.join(dir, 'history.json'), '{"epochs":[]}');
  await writeFile(path.join(dir, 'visuals.json'), '{}');
  const files = [await describeFile(dir, 'history.json', 'history'), await describeFile(dir, 'visuals.json', 'visual-index')];
  await writeFile(path.join(dir, 'manifest.json'), JSON.stringify({ schemaVersion: SCHEMA_VERSION, cacheKey: manifestKeys.drawing, trainingKey: manifestKeys.training, files }));
  return dir;
}

describe('checkArtifacts', () => {
  it('says fresh when both keys match and every file is intact', async () => {
    const dir = await artifactsWith(keys);
    expect((await checkArtifacts(dir, keys)).state).toBe('fresh');
  });

  it('says stale when the training inputs changed', async () => {
    const dir = await artifactsWith(keys);
    expect(await checkArtifacts(dir, { ...keys, training: 'other' })).toEqual({ state: 'stale', reason: expect.stringMatching(/^training inputs changed/) });
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

  it('detects a damaged manifest', async () => {
    const dir = await artifactsWith(keys);
    await writeFile(path.join(dir, 'manifest.json'), '{"schemaVer');
    expect(await checkArtifacts(dir, keys)).toMatchObject({ state: 'stale', reason: expect.stringMatching(/manifest.json is damaged/) });
  });
});
