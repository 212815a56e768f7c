import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createStaging } from '../../pipeline/artifacts/staging';

async function existingArtifacts() {
  const root = await mkdtemp(path.join(tmpdir(), 'staging-'));
  const target = path.join(root, 'artifacts');
  await mkdir(target);
  await writeFile(path.join(target, 'manifest.json'), 'old');
  return { root, target };
}

describe('createStaging', () => {
  it('replaces the target folder only on commit', async () => {
    const { target } = await existingArtifacts();
    const staging = await createStaging(target);
    await staging.write('sub/new.json', 'new');
    expect(await readFile(path.join(target, 'manifest.json'), 'utf8')).toBe('old');
    await staging.commit();
    expect(existsSync(path.join(target, 'manifest.json'))).toBe(false);
    expect(await readFile(path.join(target, 'sub/new.json'), 'utf8')).toBe('new');
  });

  it('leaves the old artifacts intact and no temporary folder when a stage throws', async () => {
    const { root, target } = await existingArtifacts();
    const staging = await createStaging(target);
    const failingStage = async () => {
      await staging.write('half.json', '{');
      throw new Error('stage failed');
    };
    await expect(failingStage().catch(async (e) => {
      await staging.abort();
      throw e;
    })).rejects.toThrow('stage failed');
    expect(await readFile(path.join(target, 'manifest.json'), 'utf8')).toBe('old');
    expect(await readdir(root)).toEqual(['artifacts']);
  });

  it('sweeps folders left by a killed run and restores a complete folder caught between renames', async () => {
    const root = await mkdtemp(path.join(tmpdir(), 'staging-'));
    const target = path.join(root, 'artifacts');
    await mkdir(`${target}.tmp-1-1`);
    await mkdir(`${target}.old-1-1`);
    await writeFile(path.join(`${target}.old-1-1`, 'manifest.json'), 'complete');
    const staging = await createStaging(target);
    expect(await readFile(path.join(target, 'manifest.json'), 'utf8')).toBe('complete');
    expect((await readdir(root)).sort()).toEqual(['artifacts', path.basename(staging.dir)].sort());
    await staging.abort();
  });

  it('creates the target on the first commit, and sweeps only its own leftovers', async () => {
    const root = await mkdtemp(path.join(tmpdir(), 'staging-'));
    const target = path.join(root, 'artifacts');
    await mkdir(path.join(root, 'other.tmp-1-1'));
    await writeFile(path.join(root, 'artifacts.txt'), 'keep');
    const staging = await createStaging(target);
    expect(staging.dir.startsWith(`${target}.tmp-${process.pid}-`)).toBe(true);
    await staging.write('manifest.json', 'first');
    await staging.commit();
    expect(await readFile(path.join(target, 'manifest.json'), 'utf8')).toBe('first');
    expect((await readdir(root)).sort()).toEqual(['artifacts', 'artifacts.txt', 'other.tmp-1-1']);
  });

  it('deletes an old folder left beside complete artifacts instead of restoring it', async () => {
    const { root, target } = await existingArtifacts();
    await mkdir(`${target}.old-1-1`);
    await writeFile(path.join(`${target}.old-1-1`, 'manifest.json'), 'older');
    const staging = await createStaging(target);
    await staging.abort();
    expect(await readFile(path.join(target, 'manifest.json'), 'utf8')).toBe('old');
    expect(await readdir(root)).toEqual(['artifacts']);
  });
});
