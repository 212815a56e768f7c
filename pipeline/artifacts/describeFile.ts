import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { ArtifactFile, ArtifactKind } from './types';

export function sha256(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** Reads a file written under `root` and returns its manifest entry (size and SHA-256). */
export async function describeFile(
  root: string,
  relPath: string,
  kind: ArtifactKind,
  meta?: Record<string, unknown>,
): Promise<ArtifactFile> {
  const bytes = await readFile(path.join(root, relPath));
  return { path: relPath.split(path.sep).join('/'), kind, bytes: bytes.length, sha256: sha256(bytes), ...(meta ? { meta } : {}) };
}
