import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { BackendInfo } from './types';

const require = createRequire(import.meta.url);

/** The installed (not the declared) version of each package, read from its package.json. */
export function installedVersions(packages: readonly string[]): Record<string, string> {
  return Object.fromEntries(
    packages.map((name) => {
      const file = require.resolve(`${name}/package.json`);
      return [name, (JSON.parse(readFileSync(file, 'utf8')) as { version: string }).version];
    }),
  );
}

/**
 * The backend that ran, as one value: name and package version (the native binding's, for
 * tensorflow), and the oneDNN version when its kernels ran, since they round differently.
 */
export function backendVersion(backend: Pick<BackendInfo, 'name' | 'version' | 'onednn'>): string {
  return `${backend.name} ${backend.version}${backend.onednn ? ` + oneDNN ${backend.onednn.version}` : ''}`;
}
