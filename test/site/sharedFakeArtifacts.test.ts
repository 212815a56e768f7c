import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, inject, it } from 'vitest';
import { sharedFakeArtifacts } from './sharedFakeArtifacts';

describe('shared fake artifacts', () => {
  it('lives under the run root the global set-up provides', async () => {
    const root = inject('fakeArtifactsRoot');
    expect(root).toMatch(/cnn-fake-artifacts-/);
    expect(path.dirname((await sharedFakeArtifacts()).dir)).toBe(root);
  });

  it('gives the same folder for the same options and another for other options', async () => {
    const a = await sharedFakeArtifacts({ noChannels: true });
    const b = await sharedFakeArtifacts({ noChannels: true });
    const c = await sharedFakeArtifacts({ omit: ['summary.json'] });
    expect(b.dir).toBe(a.dir);
    expect(c.dir).not.toBe(a.dir);
    expect(existsSync(path.join(a.dir, 'explain', 'channels'))).toBe(false);
    expect(existsSync(path.join(c.dir, 'summary.json'))).toBe(false);
  });

  it('leaves one complete folder and no staging folder when callers race', async () => {
    const options = { omit: ['history.json'] };
    const dirs = await Promise.all([sharedFakeArtifacts(options), sharedFakeArtifacts(options)]);
    expect(dirs[1].dir).toBe(dirs[0].dir);
    expect(existsSync(path.join(dirs[0].dir, 'manifest.json'))).toBe(true);
    expect(readdirSync(inject('fakeArtifactsRoot')).filter((name) => name.startsWith('.staging-'))).toEqual([]);
  });

  it('leaves the shared folder in place on cleanup: the global set-up removes it', async () => {
    const fake = await sharedFakeArtifacts();
    await fake.cleanup();
    expect(existsSync(path.join(fake.dir, 'manifest.json'))).toBe(true);
  });
});
