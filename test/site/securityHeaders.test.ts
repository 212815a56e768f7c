import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { expect, it } from 'vitest';
import { writeHeadersFile } from '../../site/lib/build/securityHeaders';
import { headersFile, SECURITY_HEADERS } from '../../site/lib/security/policy';
import { headersForAllPaths } from '../e2e/headersFile';

it('writes dist/_headers that reads back, the way a host reads it, as the site security headers', async () => {
  const out = await mkdtemp(path.join(os.tmpdir(), 'site-headers-'));
  try {
    const file = await writeHeadersFile(out);
    expect(await readdir(out)).toEqual(['_headers']);
    expect(await readFile(file, 'utf8')).toBe(headersFile());
    expect(await headersForAllPaths(file)).toEqual(SECURITY_HEADERS);
  } finally {
    await rm(out, { recursive: true, force: true });
  }
});
