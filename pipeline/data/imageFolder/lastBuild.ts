// What the cache last held for a folder, so a stale cache can say what changed ("the folder's files changed",
// "--image-size 28 → 32") rather than only that it missed. One small JSON file per folder, beside the entries.
import { createHash, randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';

export interface BuildParts {
  listingSha256: string;
  target: { height: number; width: number; channels: 1 | 3 | null };
  trainCount: number;
  testCount: number;
  rule: string;
}

const fileFor = (cacheDir: string, dir: string) => path.join(cacheDir, `last-${createHash('sha256').update(path.resolve(dir)).digest('hex').slice(0, 16)}.json`);

export async function lastBuildReason(cacheDir: string, dir: string, now: BuildParts): Promise<string> {
  const file = fileFor(cacheDir, dir);
  if (!existsSync(file)) return 'not decoded before';
  let was: BuildParts;
  try {
    was = JSON.parse(await readFile(file, 'utf8')) as BuildParts;
  } catch {
    return 'not decoded before';
  }
  const show = (t: BuildParts['target']) => `${t.height}×${t.width}×${t.channels ?? 'auto'}`;
  const changes = [
    was.listingSha256 !== now.listingSha256 && "the folder's files changed (added, removed or modified)",
    show(was.target) !== show(now.target) && `the input changed ${show(was.target)} → ${show(now.target)}`,
    (was.trainCount !== now.trainCount || was.testCount !== now.testCount) && `the pictures used changed ${was.trainCount}+${was.testCount} → ${now.trainCount}+${now.testCount}`,
    was.rule !== now.rule && 'the fitting rule or decoder changed',
  ].filter(Boolean);
  return changes.length > 0 ? changes.join('; ') : 'its cache entry was removed (or evicted: the cache keeps the 8 most recently used)';
}

export async function rememberBuild(cacheDir: string, dir: string, parts: BuildParts): Promise<void> {
  await mkdir(cacheDir, { recursive: true });
  const file = fileFor(cacheDir, dir);
  const temp = `${file}.${randomBytes(4).toString('hex')}.tmp`;
  await writeFile(temp, JSON.stringify(parts));
  await rename(temp, file);
}
