// What a folder holds, to show that a refused or failed run changed nothing in it.
import { lstat, readdir, readFile, readlink } from 'node:fs/promises';
import path from 'node:path';

/** Every entry under `dir` (relative path → file bytes as base64, `<dir>`, or the link's target). */
export async function folderSnapshot(dir: string): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const rel of await readdir(dir, { recursive: true })) {
    const full = path.join(dir, rel);
    const stat = await lstat(full);
    out[rel] = stat.isSymbolicLink() ? `<link to ${await readlink(full)}>` : stat.isDirectory() ? '<dir>' : (await readFile(full)).toString('base64');
  }
  return out;
}
