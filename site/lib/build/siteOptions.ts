import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { resolveArtifactsDir } from '../artifacts/load';

export interface SiteOptions {
  /** Absolute artifacts folder (env ARTIFACTS_DIR, default artifacts/). */
  artifactsDir: string;
  /** Absolute site URL for canonical/hreflang links, or undefined (env SITE_URL). */
  site: string | undefined;
  /** Base path with leading and trailing slash (env BASE_PATH), e.g. "/" or "/cnn-report/". */
  base: string;
  /** SHA-256 of manifest.json, or "missing": feeds Astro's config digest so cached content re-renders when artifacts change. */
  manifestDigest: string;
  /** SHA-256 over the site's own TypeScript (directives, charts, dictionaries): a code change also re-renders content. */
  codeDigest: string;
}

/** Hashes every .ts file under the given folders, in a stable order. */
export function digestSources(folders: string[]): string {
  const hash = createHash('sha256');
  for (const folder of folders) {
    if (!existsSync(folder)) continue;
    const files = readdirSync(folder, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.ts')).sort();
    for (const file of files) hash.update(file).update(readFileSync(path.join(folder, file)));
  }
  return hash.digest('hex');
}

export function normalizeBase(value: string | undefined): string {
  const trimmed = (value ?? '').trim().replace(/^\/+|\/+$/g, '');
  return trimmed ? `/${trimmed}/` : '/';
}

/** Reads the build's settings from the environment (no side effects besides reading manifest.json). */
export function siteOptionsFromEnv(env: Record<string, string | undefined> = process.env, root = process.cwd()): SiteOptions {
  const artifactsDir = resolveArtifactsDir(env, root);
  const manifestPath = path.join(artifactsDir, 'manifest.json');
  const manifestDigest = existsSync(manifestPath) ? createHash('sha256').update(readFileSync(manifestPath)).digest('hex') : 'missing';
  const site = env.SITE_URL?.trim() || undefined;
  if (site !== undefined && !/^https?:\/\//.test(site)) {
    throw new Error(`SITE_URL must be an absolute http(s) URL such as https://example.org, got "${site}".`);
  }
  const codeDigest = digestSources([path.join(root, 'site', 'lib'), path.join(root, 'site', 'i18n')]);
  return { artifactsDir, site, base: normalizeBase(env.BASE_PATH), manifestDigest, codeDigest };
}
