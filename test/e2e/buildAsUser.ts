// Builds the report exactly as a user would (`npm run build`'s entry, quick preset) into a temporary
// folder, and serves it with the headers the build wrote into dist/_headers, as Netlify or Cloudflare Pages would.
import { execFile } from 'node:child_process';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { headersForAllPaths } from './headersFile';
import { serveStatic } from './staticServer';

/** The environment of a user's shell: without the variables vitest adds (BASE_URL, MODE, VITEST…), which Astro would read. */
function userEnv(): NodeJS.ProcessEnv {
  const env = { ...process.env };
  for (const key of Object.keys(env)) {
    if (/^(VITEST|VITE_)|^(BASE_URL|MODE|DEV|PROD|SSR|TEST|NODE_ENV)$/.test(key)) delete env[key];
  }
  return env;
}

/** `flags` come after `--preset quick`; the site is served under `base`. Returns the work folder (artifacts/, dist/) and the server. */
export async function buildAsUser(prefix: string, base: string, flags: string[] = []): Promise<{ work: string; site: Awaited<ReturnType<typeof serveStatic>> }> {
  const work = await mkdtemp(path.join(tmpdir(), prefix));
  const build = () => promisify(execFile)(
    process.execPath,
    ['--import', 'tsx', 'pipeline/build.ts', '--preset', 'quick', ...flags, '--out', path.join(work, 'artifacts'), '--dist', path.join(work, 'dist')],
    { env: { ...userEnv(), BASE_PATH: base, SITE_URL: 'https://example.org' }, maxBuffer: 64 * 1024 * 1024 },
  );
  // The site is built in one folder of the project at a time (its lock says so, and the build stops rather
  // than wait); browser tests run two files at once, so a build that meets another one's lock tries again:
  // its artifacts are fresh by then, so only the site step runs again.
  for (let attempt = 1; ; attempt++) {
    try {
      await build();
      break;
    } catch (e) {
      if (attempt >= 60 || !/another run \(pid \d+, started [^)]*\) is writing .*\.site-build/.test(String((e as Error).message))) throw e;
      await new Promise((resolve) => setTimeout(resolve, 5_000));
    }
  }
  const site = await serveStatic(path.join(work, 'dist'), base, await headersForAllPaths(path.join(work, 'dist', '_headers')));
  return { work, site };
}
