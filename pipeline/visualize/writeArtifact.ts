// Writing files under the staging folder and describing them for the manifest.
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describeFile } from '../artifacts/describeFile';
import type { ArtifactFile, ArtifactKind } from '../artifacts/types';

export type WriteArtifact = (
  relPath: string,
  bytes: Uint8Array | string,
  kind: ArtifactKind,
  meta?: Record<string, unknown>,
) => Promise<ArtifactFile>;

/** A writer rooted at `outDir`: writes `relPath` (forward slashes), creating folders, and returns its manifest entry. */
export function artifactWriter(outDir: string): WriteArtifact {
  return async (relPath, bytes, kind, meta) => {
    const full = path.join(outDir, ...relPath.split('/'));
    await mkdir(path.dirname(full), { recursive: true });
    await writeFile(full, bytes);
    return describeFile(outDir, relPath, kind, meta);
  };
}

/** Maps `items` with at most `limit` calls in flight, keeping the input order (PNG encoding runs off-thread). */
export async function mapLimit<T, R>(items: readonly T[], limit: number, fn: (item: T, i: number) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      results[i] = await fn(items[i], i);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}

/** File stem of a test image: t00051. */
export function sampleStem(index: number): string {
  return `t${String(index).padStart(5, '0')}`;
}

/** JSON numbers at float32 precision keep data files small without losing information. */
export function round7(value: number): number {
  return Number.isFinite(value) ? Number(value.toPrecision(7)) : value;
}
