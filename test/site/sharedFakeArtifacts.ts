// One fake artifacts folder per options per test run, shared by every test file that only reads it.
// Writing the folder takes 1–2 s (about 1,000 files); under mutation testing each mutant re-runs the
// files that reach it, so a fresh folder per file made the site/lib/directives run take hours.
// Tests that damage or edit files use makeFakeArtifacts (a private folder) instead.
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import { inject } from 'vitest';
import { writeFakeArtifacts, type FakeArtifactsOptions } from './fakeArtifacts';
import { makeFakeArtifacts, type FakeArtifacts } from './helpers';

declare module 'vitest' {
  export interface ProvidedContext {
    /** Set by test/site/fakeArtifactsRoot.ts (the global set-up): where shared fake folders live this run. */
    fakeArtifactsRoot: string;
  }
}

export type { FakeArtifacts };

/** The run's shared, read-only fake folder for these options; a private one when no run root is provided. */
export async function sharedFakeArtifacts(options: FakeArtifactsOptions = {}): Promise<FakeArtifacts> {
  const root = inject('fakeArtifactsRoot');
  if (!root) return makeFakeArtifacts(options);
  const key = createHash('sha256').update(JSON.stringify(options)).digest('hex').slice(0, 16);
  const dir = path.join(root, key);
  const shared = { dir, cleanup: async () => {} }; // the global set-up removes the root
  if (existsSync(dir)) return shared;
  await mkdir(root, { recursive: true });
  const staging = await mkdtemp(path.join(root, '.staging-'));
  await writeFakeArtifacts(staging, options);
  try {
    await rename(staging, dir); // complete or absent: another worker never sees a half-written folder
  } catch (error) {
    // Another worker finished the same folder first; theirs is identical.
    if (!existsSync(dir)) throw error;
    await rm(staging, { recursive: true, force: true });
  }
  return shared;
}
