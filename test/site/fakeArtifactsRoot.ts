// Vitest global set-up: where this run's shared fake artifacts go (test/site/sharedFakeArtifacts.ts), removed
// when the run ends. The folder is made on first use, so a run without site tests leaves nothing behind,
// even when it is killed before its teardown (as Stryker's runners can be).
import { randomBytes } from 'node:crypto';
import { rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const root = path.join(os.tmpdir(), `cnn-fake-artifacts-${process.pid}-${randomBytes(4).toString('hex')}`);
  project.provide('fakeArtifactsRoot', root);
  return () => rm(root, { recursive: true, force: true });
}
