import { existsSync } from 'node:fs';
import { readFile, readdir } from 'node:fs/promises';
import path from 'node:path';
import { sha256 } from './describeFile';
import { SCHEMA_VERSION, type IdxFileInfo, type Manifest, type PipelineConfig } from './types';

/** Hash of every pipeline source file: a code change makes old artifacts stale. */
export async function pipelineSourceHash(root: string): Promise<string> {
  const files: string[] = [];
  const walk = async (dir: string) => {
    for (const entry of await readdir(dir, { withFileTypes: true })) {
      const p = path.join(dir, entry.name);
      if (entry.isDirectory()) await walk(p);
      else if (/\.(ts|mjs|js)$/.test(entry.name)) files.push(p);
    }
  };
  await walk(root);
  files.sort();
  const parts = await Promise.all(files.map(async (f) => `${path.relative(root, f)}\n${sha256(await readFile(f))}`));
  return sha256(new TextEncoder().encode(parts.join('\n'))).slice(0, 16);
}

/** Equal keys mean equal inputs: same config, same data bytes, same pipeline code. */
export function cacheKey(config: PipelineConfig, data: IdxFileInfo[], pipelineVersion: string): string {
  const inputs = { schema: SCHEMA_VERSION, pipelineVersion, config, data: data.map((f) => [f.name, f.sha256]) };
  return sha256(new TextEncoder().encode(JSON.stringify(inputs)));
}

/** The artifacts cannot be used and training was not allowed: an expected stop, not a crash. */
export class ArtifactsNotReadyError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ArtifactsNotReadyError';
  }
}

export type Freshness = { fresh: true; manifest: Manifest } | { fresh: false; reason: string };

/** Reads the manifest and checks it and every file it lists (size and SHA-256) against `key`. */
export async function checkArtifacts(dir: string, key: string): Promise<Freshness> {
  const file = path.join(dir, 'manifest.json');
  if (!existsSync(file)) return { fresh: false, reason: 'no manifest.json yet' };
  let manifest: Manifest;
  try {
    manifest = JSON.parse(await readFile(file, 'utf8')) as Manifest;
  } catch (e) {
    return { fresh: false, reason: `manifest.json is damaged (${(e as Error).message})` };
  }
  if (manifest.schemaVersion !== SCHEMA_VERSION) return { fresh: false, reason: `manifest schema ${manifest.schemaVersion}, this pipeline writes ${SCHEMA_VERSION}` };
  if (manifest.cacheKey !== key) return { fresh: false, reason: 'config, data or pipeline code changed' };
  if (!Array.isArray(manifest.files) || manifest.files.length === 0) return { fresh: false, reason: 'manifest lists no files' };
  for (const f of manifest.files) {
    const p = path.join(dir, f.path);
    if (!existsSync(p)) return { fresh: false, reason: `${f.path} is missing` };
    const bytes = await readFile(p);
    if (bytes.length !== f.bytes || sha256(bytes) !== f.sha256) return { fresh: false, reason: `${f.path} does not match its manifest entry (damaged)` };
  }
  return { fresh: true, manifest };
}
