import { link, readFile, rm, writeFile } from 'node:fs/promises';

/** Another live process holds the lock: an expected stop with a message, not a crash. */
export class ArtifactsLockedError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ArtifactsLockedError';
  }
}

interface Owner {
  pid: number;
  startedAt: string;
}

/** True while a process with this pid exists (EPERM: it exists but belongs to another user). */
export function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

async function readOwner(file: string): Promise<Owner | null> {
  try {
    const owner = JSON.parse(await readFile(file, 'utf8')) as Owner;
    return Number.isInteger(owner.pid) ? owner : null;
  } catch {
    return null;
  }
}

/**
 * Takes `file` as a lock naming this process, for work on `what`. A lock whose owner has exited is
 * taken over. Returns the release function, which removes the lock only while it is still ours.
 */
export async function acquireOwnerLock(file: string, what: string): Promise<() => Promise<void>> {
  const mine: Owner = { pid: process.pid, startedAt: new Date().toISOString() };
  // Written aside, then hard-linked into place: the link either fails (taken) or appears complete.
  const draft = `${file}.${process.pid}-${Date.now()}`;
  await writeFile(draft, JSON.stringify(mine));
  try {
    for (let attempt = 0; attempt < 3; attempt++) {
      try {
        await link(draft, file);
        return async () => {
          const owner = await readOwner(file);
          if (owner?.pid === mine.pid && owner.startedAt === mine.startedAt) await rm(file, { force: true });
        };
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      }
      const owner = await readOwner(file);
      if (owner && processAlive(owner.pid)) {
        throw new ArtifactsLockedError(
          `another run (pid ${owner.pid}, started ${owner.startedAt}) is writing ${what}. ` +
            `Wait for it to finish, or give this run another --out. If no such run exists, delete ${file}.`,
        );
      }
      await rm(file, { force: true }); // its owner is gone
    }
    throw new ArtifactsLockedError(`could not take the lock ${file} for ${what}: other runs keep taking it. Try again.`);
  } finally {
    await rm(draft, { force: true });
  }
}
