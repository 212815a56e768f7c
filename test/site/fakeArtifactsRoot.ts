// Vitest global set-up: a temp folder for this run's shared fake artifacts (test/site/sharedFakeArtifacts.ts),
// removed when the run ends.
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const root = await mkdtemp(path.join(os.tmpdir(), 'cnn-fake-artifacts-'));
  project.provide('fakeArtifactsRoot', root);
  return () => rm(root, { recursive: true, force: true });
}
