import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const SCRIPT = fileURLToPath(new URL('../../native/build.mjs', import.meta.url));

describe('native/build.mjs', () => {
  it('skips the build without oneDNN, with one line saying what to install, and succeeds', () => {
    const run = spawnSync(process.execPath, [SCRIPT, '--force'], {
      encoding: 'utf8',
      env: { ...process.env, ONEDNN_ROOT: '/nonexistent-onednn-prefix' },
    });
    expect(run.status).toBe(0);
    const lines = run.stdout.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^oneDNN kernels: not built \(oneDNN headers not found\).*apt-get install libdnnl-dev.*brew install onednn/);
  });
});
