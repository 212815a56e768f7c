import { existsSync } from 'node:fs';
import { mkdir, readdir, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { MARKER, markerText, OutputFolderError, replaceProblem, type OutputKind } from './outputFolder';
import { acquireOwnerLock, processAlive } from './ownerLock';

export { ArtifactsLockedError } from './ownerLock';

/**
 * A sibling folder that a run writes into; only a complete run is renamed over the artifacts
 * folder, so a killed or failing run never leaves a half-written folder for the site to read.
 * One run at a time per target: `target.lock` names the owner's pid until commit or abort.
 */
export interface Staging {
  dir: string;
  write(relPath: string, data: string | Uint8Array): Promise<void>;
  /** Marks the staging folder as ours, replaces `target` with it, and releases the lock. */
  commit(): Promise<void>;
  /** Removes the staging folder, leaving `target` as it was, and releases the lock. */
  abort(): Promise<void>;
}

const TMP_MARK = '.tmp-';
const OLD_MARK = '.old-';

/** The pid in a leftover's name (`artifacts.tmp-<pid>-<time>`), or null if there is none. */
function ownerPid(name: string, prefix: string): number | null {
  const pid = Number(/^(\d+)-/.exec(name.slice(prefix.length))?.[1]);
  return Number.isInteger(pid) && pid > 0 ? pid : null;
}

/** Removes leftovers of earlier runs that were killed before they could clean up; a live run's folders stay. */
async function sweepLeftovers(target: string): Promise<void> {
  const parent = path.dirname(target);
  const base = path.basename(target);
  if (!existsSync(parent)) return;
  for (const name of await readdir(parent)) {
    const prefix = [base + TMP_MARK, base + OLD_MARK].find((p) => name.startsWith(p));
    if (!prefix) continue;
    const pid = ownerPid(name, prefix);
    if (pid !== null && pid !== process.pid && processAlive(pid)) continue;
    const leftover = path.join(parent, name);
    // An old folder left between the two renames of commit() is the last complete result: restore it.
    if (prefix === base + OLD_MARK && !existsSync(target)) await rename(leftover, target);
    else await rm(leftover, { recursive: true, force: true });
  }
}

/** `kind` is what the folder holds: the marker written on commit says so, and a commit never replaces another kind. */
export async function createStaging(target: string, kind: OutputKind = 'artifacts'): Promise<Staging> {
  const abs = path.resolve(target);
  await mkdir(path.dirname(abs), { recursive: true });
  const release = await acquireOwnerLock(`${abs}.lock`, abs);
  const stamp = `${process.pid}-${Date.now()}`;
  const dir = `${abs}${TMP_MARK}${stamp}`;
  try {
    await sweepLeftovers(abs);
    await mkdir(dir, { recursive: true });
  } catch (e) {
    await release();
    throw e;
  }
  return {
    dir,
    async write(relPath, data) {
      const file = path.join(dir, relPath);
      await mkdir(path.dirname(file), { recursive: true });
      await writeFile(file, data);
    },
    async commit() {
      try {
        // Checked again: the folder may have changed since the run started (checkOutputFolder).
        const problem = replaceProblem(abs, kind);
        if (problem) throw new OutputFolderError(`${abs} was not replaced: ${problem}. The new output was discarded.`);
        await writeFile(path.join(dir, MARKER), markerText(kind));
        const old = `${abs}${OLD_MARK}${stamp}`;
        if (existsSync(abs)) await rename(abs, old);
        await rename(dir, abs);
        await rm(old, { recursive: true, force: true });
      } finally {
        await release();
      }
    },
    async abort() {
      try {
        await rm(dir, { recursive: true, force: true });
      } finally {
        await release();
      }
    },
  };
}
