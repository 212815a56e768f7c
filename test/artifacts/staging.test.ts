import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, readFile, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { MARKER, markerText, OutputFolderError } from '../../pipeline/artifacts/outputFolder';
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
  await writeFile(path.join(target, MARKER), markerText('artifacts'));
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

  it('marks the committed folder as ours, of its kind', async () => {
    const { target } = await existingArtifacts();
    const staging = await createStaging(`${target}-site`, 'site');
    await staging.write('index.html', 'page');
    await staging.commit();
    expect(await readFile(path.join(`${target}-site`, MARKER), 'utf8')).toBe(markerText('site'));
  });

  it('discards the new output and keeps the folder when it no longer holds only our output at commit', async () => {
    const { root, target } = await existingArtifacts();
    const staging = await createStaging(target);
    await staging.write('manifest.json', 'new');
    await writeFile(path.join(target, MARKER), 'edited by hand');
    await expect(staging.commit()).rejects.toThrow(OutputFolderError);
    await expect(createStaging(target).then((s) => s.abort())).resolves.toBeUndefined(); // the lock was released
    await staging.abort();
    expect(await readFile(path.join(target, 'manifest.json'), 'utf8')).toBe('old');
    expect(await readdir(root)).toEqual(['artifacts']);
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
    const old = `${target}.old-${process.pid}-1`; // an owner that is no longer writing (this run's own pid)
    await mkdir(old);
    await writeFile(path.join(old, 'manifest.json'), 'older');
    const staging = await createStaging(target);
    await staging.abort();
    expect(await readFile(path.join(target, 'manifest.json'), 'utf8')).toBe('old');
    expect(await readdir(root)).toEqual(['artifacts']);
  });

  it('reads the owner pid only from the start of a leftover name, and sweeps names without a usable pid', async () => {
    const root = await mkdtemp(path.join(tmpdir(), 'staging-'));
    // pid 0 would mean "this process group" to kill(), and a live pid after a prefix is not an owner.
    for (const name of ['artifacts.tmp-x-1', 'artifacts.tmp-0-1', `artifacts.tmp-v${process.ppid}-1`]) await mkdir(path.join(root, name));
    const staging = await createStaging(path.join(root, 'artifacts'));
    expect((await readdir(root)).sort()).toEqual(['artifacts.lock', path.basename(staging.dir)].sort());
    await staging.abort();
  });

  it('releases the lock and passes the error on when clearing leftovers fails', async () => {
    const root = await mkdtemp(path.join(tmpdir(), 'staging-'));
    const target = path.join(root, 'artifacts');
    await symlink(path.join(root, 'nowhere'), target); // a dangling link: the old folder cannot be renamed onto it
    await mkdir(`${target}.old-${deadPid()}-1`);
    await expect(createStaging(target)).rejects.toThrow(/ENOTDIR/);
    expect(existsSync(`${target}.lock`)).toBe(false);
  });

  it('lets a run abort after its commit (as a failed final step does) without touching the committed folder', async () => {
    const { root, target } = await existingArtifacts();
    const staging = await createStaging(target);
    await staging.write('manifest.json', 'new');
    await staging.commit();
    await staging.abort();
    expect(await readFile(path.join(target, 'manifest.json'), 'utf8')).toBe('new');
    expect(await readdir(root)).toEqual(['artifacts']);
  });
});
