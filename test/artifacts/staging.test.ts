import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ArtifactsLockedError, createStaging } from '../../pipeline/artifacts/staging';

/** The pid of a process that has exited. */
function deadPid(): number {
  return spawnSync(process.execPath, ['-e', '']).pid!;
}

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
    const dead = deadPid();
    await mkdir(`${target}.tmp-${dead}-1`);
    await mkdir(`${target}.old-${dead}-1`);
    await writeFile(path.join(`${target}.old-${dead}-1`, 'manifest.json'), 'complete');
    const staging = await createStaging(target);
    expect(await readFile(path.join(target, 'manifest.json'), 'utf8')).toBe('complete');
    expect((await readdir(root)).sort()).toEqual(['artifacts', 'artifacts.lock', path.basename(staging.dir)].sort());
    await staging.abort();
    expect(await readdir(root)).toEqual(['artifacts']);
  });

  it('keeps the staging folder of a run that is still going and sweeps only those whose owner is gone', async () => {
    const root = await mkdtemp(path.join(tmpdir(), 'staging-'));
    const target = path.join(root, 'artifacts');
    const running = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 60000)']);
    try {
      const live = `${path.basename(target)}.tmp-${running.pid}-1`;
      const orphan = `${path.basename(target)}.tmp-${deadPid()}-1`;
      await mkdir(path.join(root, live));
      await mkdir(path.join(root, orphan));
      const staging = await createStaging(target);
      expect((await readdir(root)).sort()).toEqual([live, 'artifacts.lock', path.basename(staging.dir)].sort());
      await staging.abort();
    } finally {
      running.kill();
    }
  });

  it('refuses a second concurrent run on the same folder with a message naming the owner, until the first ends', async () => {
    const { target } = await existingArtifacts();
    const first = await createStaging(target);
    const second = createStaging(target);
    await expect(second).rejects.toThrow(ArtifactsLockedError);
    await expect(second).rejects.toThrow(new RegExp(`another run \\(pid ${process.pid}, started .*\\) is writing .*artifacts`));
    await first.write('manifest.json', 'first');
    expect(existsSync(first.dir)).toBe(true);
    await first.commit();
    const third = await createStaging(target);
    await third.abort();
    expect(await readFile(path.join(target, 'manifest.json'), 'utf8')).toBe('first');
  });

  it('takes over the lock of a run that died without releasing it', async () => {
    const { root, target } = await existingArtifacts();
    await writeFile(`${target}.lock`, JSON.stringify({ pid: deadPid(), startedAt: '2026-01-01T00:00:00.000Z' }));
    const staging = await createStaging(target);
    await staging.abort();
    expect(await readdir(root)).toEqual(['artifacts']);
  });
});
