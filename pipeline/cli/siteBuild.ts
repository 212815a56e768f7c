import { existsSync } from 'node:fs';
import { cp, rename } from 'node:fs/promises';
import path from 'node:path';
import { ExpectedError } from './runCli';
import { Interrupted } from './stopSignals';
import { createStaging, type Staging } from '../artifacts/staging';

export interface SiteBuildOptions {
  /** The checked, absolute `--dist` folder (checkOutputFolder). */
  dist: string;
  /** Renders the whole site into `outDir`, an empty folder beside `dist` (Astro's build in the CLI). */
  build: (outDir: string) => Promise<void>;
  signal?: AbortSignal;
  /**
   * The project folder. Astro renders a static site by importing its server build from the output folder,
   * so that folder must lie where the project's packages resolve (and inside the working directory, or
   * Astro builds in the project's `.astro/`, copies that whole folder, its content store too, into the
   * output and deletes it). A `--dist` elsewhere is therefore built in a scratch folder here and moved.
   */
  projectRoot: string;
}

/** The site build failed: our short message first; Astro's error, with its stack, is the cause (shown with DEBUG=1). */
export class SiteBuildError extends ExpectedError {
  constructor(message: string, cause: unknown) {
    super(message, { cause });
    this.name = 'SiteBuildError';
  }
}

interface BuildFailure {
  message?: unknown;
  id?: unknown;
  loc?: { file?: unknown; line?: unknown };
  hint?: unknown;
}

/** The failing file (when Astro or Vite names it) and the first lines of the error. */
export function describeBuildError(e: unknown): string {
  const f = (typeof e === 'object' && e !== null ? e : { message: String(e) }) as BuildFailure;
  const lines = String(f.message ?? e).trim().split('\n').slice(0, 4);
  const file = typeof f.loc?.file === 'string' ? f.loc.file + (typeof f.loc.line === 'number' ? `:${f.loc.line}` : '') : typeof f.id === 'string' ? f.id : null;
  const text = file && !lines.join('\n').includes(file) ? [`${file}: ${lines[0]}`, ...lines.slice(1)] : lines;
  return text.join('\n') + (typeof f.hint === 'string' && f.hint ? `\nHint: ${f.hint}` : '');
}

function untilAborted<T>(work: Promise<T>, signal?: AbortSignal): Promise<T> {
  if (!signal) return work;
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    if (signal.aborted) return onAbort();
    signal.addEventListener('abort', onAbort, { once: true });
    work.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}

/** Where a site for a `--dist` outside the project is rendered first (git-ignored). */
export const SCRATCH = '.site-build';

/** Moves a built site into the (empty) staging folder: a rename on the same disk, else a copy. */
async function moveInto(from: string, to: string): Promise<void> {
  try {
    await rename(from, to);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'EXDEV') throw e;
    await cp(from, to, { recursive: true });
  }
}

/**
 * Builds the site beside `dist` (the artifacts' staging: lock, sweep of killed runs' folders, marker) and
 * renames it into place only when the build succeeded, so a failed or stopped build leaves the previous
 * site exactly as it was. A stop does not wait for the build: its folder is removed and the CLI exits.
 */
export async function buildSiteAtomically({ dist, build, signal, projectRoot }: SiteBuildOptions): Promise<void> {
  const kept = existsSync(dist) ? `the previous site in ${dist} was kept as it was` : `no site was written to ${dist} (there was none before)`;
  const staging = await createStaging(dist, 'site');
  const inside = staging.dir.startsWith(path.resolve(projectRoot) + path.sep);
  let scratch: Staging | null = null;
  try {
    // Never committed: a staging only for its lock, its sweep of killed runs' folders and its removal.
    if (!inside) scratch = await createStaging(path.join(projectRoot, SCRATCH), 'site');
    await untilAborted(build(scratch?.dir ?? staging.dir), signal);
    signal?.throwIfAborted();
    if (scratch) await moveInto(scratch.dir, staging.dir);
    await staging.commit();
  } catch (e) {
    await staging.abort();
    if (signal?.aborted) {
      const reason = signal.reason as Interrupted;
      throw new Interrupted(reason.signal, kept, reason.why);
    }
    throw new SiteBuildError(`the site build failed:\n${describeBuildError(e)}\nNothing was published: ${kept}.`, e);
  } finally {
    await scratch?.abort();
  }
}
