import { existsSync } from 'node:fs';
import { mkdir, readdir, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';

/**
 * A sibling folder that a run writes into; only a complete run is renamed over the artifacts
 * folder, so a killed or failing run never leaves a half-written folder for the site to read.
 */
export interface Staging {
  dir: string;
  write(relPath: string, data: string | Uint8Array): Promise<void>;
  /** Replaces `target` with the staging folder. */
  commit(): Promise<void>;
  /** Removes the staging folder, leaving `target` as it was. */
  abort(): Promise<void>;
}

const TMP_MARK = '.tmp-';
const OLD_MARK = '.old-';

/** Removes leftovers of earlier runs that were killed before they could clean up. */
async function sweepLeftovers(target: string): Promise<void> {
  const parent = path.dirname(target);
  const base = path.basename(target);
  if (!existsSync(parent)) return;
  for (const name of await readdir(parent)) {
    if (name.startsWith(base + TMP_MARK) || name.startsWith(base + OLD_MARK)) {
      const leftover = path.join(parent, name);
      // An old folder left between the two renames of commit() is the last complete result: restore it.
      if (name.startsWith(base + OLD_MARK) && !existsSync(target)) await rename(leftover, target);
      else await rm(leftover, { recursive: true, force: true });
    }
  }
}

export async function createStaging(target: string): Promise<Staging> {
  const abs = path.resolve(target);
  await sweepLeftovers(abs);
  const stamp = `${process.pid}-${Date.now()}`;
  const dir = `${abs}${TMP_MARK}${stamp}`;
  await mkdir(dir, { recursive: true });
  return {
    dir,
    async write(relPath, data) {
      const file = path.join(dir, relPath);
      await mkdir(path.dirname(file), { recursive: true });
      await writeFile(file, data);
    },
    async commit() {
      const old = `${abs}${OLD_MARK}${stamp}`;
      if (existsSync(abs)) await rename(abs, old);
      await rename(dir, abs);
      await rm(old, { recursive: true, force: true });
    },
    async abort() {
      await rm(dir, { recursive: true, force: true });
    },
  };
}
