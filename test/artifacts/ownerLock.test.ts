import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import * as fs from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { acquireOwnerLock, ArtifactsLockedError, processAlive } from '../../pipeline/artifacts/ownerLock';

// Races with other runs (and with a user deleting the lock) are staged by replacing link and readFile.
vi.mock('node:fs/promises', async (importOriginal) => {
  const real = await importOriginal<typeof import('node:fs/promises')>();
  return { ...real, link: vi.fn(real.link), readFile: vi.fn(real.readFile) };
});
const realFs = await vi.importActual<typeof import('node:fs/promises')>('node:fs/promises');
const link = vi.mocked(fs.link);
const readFile = vi.mocked(fs.readFile);

afterEach(() => {
  link.mockReset();
  link.mockImplementation(realFs.link);
  readFile.mockReset();
  readFile.mockImplementation(realFs.readFile);
  vi.restoreAllMocks();
});

function errno(code: string): NodeJS.ErrnoException {
  return Object.assign(new Error(`${code}: staged by the test`), { code });
}

/** The pid of a process that has exited. */
function deadPid(): number {
  return spawnSync(process.execPath, ['-e', '']).pid!;
}

async function lockPath(): Promise<string> {
  return path.join(await fs.mkdtemp(path.join(tmpdir(), 'lock-')), 'artifacts.lock');
}

/** Takes the lock at `file`, checks that it names this process, and releases it. */
async function expectToTake(file: string) {
  const release = await acquireOwnerLock(file, 'the artifacts');
  expect((await owner(file)).pid).toBe(process.pid);
  await release();
}

async function owner(file: string): Promise<{ pid: number; startedAt: string }> {
  return JSON.parse(await realFs.readFile(file, 'utf8'));
}

describe('processAlive', () => {
  it('is true for this process and false for one that has exited', () => {
    expect(processAlive(process.pid)).toBe(true);
    expect(processAlive(deadPid())).toBe(false);
  });

  it("counts a process that belongs to another user (EPERM) as alive, but not one that is missing (ESRCH)", () => {
    const kill = vi.spyOn(process, 'kill').mockImplementation(() => {
      throw errno('EPERM');
    });
    expect(processAlive(4242)).toBe(true);
    kill.mockImplementation(() => {
      throw errno('ESRCH');
    });
    expect(processAlive(4242)).toBe(false);
  });
});

describe('acquireOwnerLock', () => {
  it('writes a lock naming this process and leaves no draft beside it', async () => {
    const file = await lockPath();
    const release = await acquireOwnerLock(file, 'the artifacts');
    expect((await owner(file)).pid).toBe(process.pid);
    expect(await fs.readdir(path.dirname(file))).toEqual(['artifacts.lock']);
    await release();
    expect(await fs.readdir(path.dirname(file))).toEqual([]);
  });

  it('refuses a lock held by a live run with an ArtifactsLockedError that says what to do', async () => {
    const file = await lockPath();
    await fs.writeFile(file, JSON.stringify({ pid: process.pid, startedAt: '2026-01-01T00:00:00.000Z' }));
    const taking = acquireOwnerLock(file, 'the artifacts');
    await expect(taking).rejects.toThrow(
      `another run (pid ${process.pid}, started 2026-01-01T00:00:00.000Z) is writing the artifacts. ` +
        `Wait for it to finish, or give this run another --out. If no such run exists, delete ${file}.`,
    );
    await expect(taking).rejects.toMatchObject({ name: 'ArtifactsLockedError' });
    expect(await fs.readdir(path.dirname(file))).toEqual(['artifacts.lock']);
  });

  it('takes over a lock whose owner has exited or that cannot be read', async () => {
    for (const text of [JSON.stringify({ pid: deadPid(), startedAt: 'x' }), '{half', JSON.stringify({ pid: 'one' })]) {
      const file = await lockPath();
      await fs.writeFile(file, text);
      await expectToTake(file);
    }
  });

  it('takes the lock when its holder released it between the failed link and the removal', async () => {
    const file = await lockPath();
    link.mockRejectedValueOnce(errno('EEXIST'));
    await expectToTake(file);
  });

  it('gives up after three attempts when other runs keep taking the lock, and cleans up its draft', async () => {
    const file = await lockPath();
    link.mockRejectedValue(errno('EEXIST'));
    const taking = acquireOwnerLock(file, 'the artifacts');
    await expect(taking).rejects.toThrow(new ArtifactsLockedError(`could not take the lock ${file} for the artifacts: other runs keep taking it. Try again.`));
    expect(link).toHaveBeenCalledTimes(3);
    expect(await fs.readdir(path.dirname(file))).toEqual([]);
  });

  it('passes on a failure to create the lock other than "already exists", without retrying', async () => {
    const file = await lockPath();
    link.mockRejectedValue(errno('EXDEV'));
    await expect(acquireOwnerLock(file, 'the artifacts')).rejects.toThrow('EXDEV: staged by the test');
    expect(link).toHaveBeenCalledTimes(1);
    expect(await fs.readdir(path.dirname(file))).toEqual([]);
  });
});

describe('the release function', () => {
  it('leaves a lock that another run has taken over (other pid, or same pid with another start)', async () => {
    for (const change of [{ pid: deadPid() }, { startedAt: '2026-01-01T00:00:00.000Z' }]) {
      const file = await lockPath();
      const release = await acquireOwnerLock(file, 'the artifacts');
      const theirs = { ...(await owner(file)), ...change };
      await fs.writeFile(file, JSON.stringify(theirs));
      await release();
      expect(await owner(file)).toEqual(theirs);
    }
  });

  it('does nothing when the lock is already gone', async () => {
    const file = await lockPath();
    const release = await acquireOwnerLock(file, 'the artifacts');
    await fs.rm(file);
    await expect(release()).resolves.toBeUndefined();
    expect(existsSync(file)).toBe(false);
  });

  it('does not fail when the lock is deleted between reading it and removing it', async () => {
    const file = await lockPath();
    const release = await acquireOwnerLock(file, 'the artifacts');
    readFile.mockImplementationOnce(async () => {
      const text = await realFs.readFile(file, 'utf8');
      await realFs.rm(file); // as the lock error message tells a user to do
      return text;
    });
    await expect(release()).resolves.toBeUndefined();
    expect(existsSync(file)).toBe(false);
  });
});
