import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import type { BackendInfo } from './types';

const require = createRequire(import.meta.url);

/**
 * The package.json Node would load `name` from. Looked up along Node's module paths rather than with
 * require.resolve(`${name}/package.json`), which packages with an `exports` map (d3-color…) refuse.
 */
function packageJsonOf(name: string): string {
  const found = (require.resolve.paths(name) ?? []).map((dir) => path.join(dir, name, 'package.json')).find((file) => existsSync(file));
  if (!found) throw new Error(`package ${name} is not installed (no ${name}/package.json on Node's module paths); run npm ci`);
  return found;
}

/** The installed (not the declared) version of each package, read from its package.json. */
export function installedVersions(packages: readonly string[]): Record<string, string> {
  return Object.fromEntries(
    packages.map((name) => [name, (JSON.parse(readFileSync(packageJsonOf(name), 'utf8')) as { version: string }).version]),
  );
}

/**
 * The backend that ran, as one value: name and package version (the native binding's, for
 * tensorflow), and the oneDNN version when its kernels ran, since they round differently.
 */
export function backendVersion(backend: Pick<BackendInfo, 'name' | 'version' | 'onednn'>): string {
  return `${backend.name} ${backend.version}${backend.onednn ? ` + oneDNN ${backend.onednn.version}` : ''}`;
}
