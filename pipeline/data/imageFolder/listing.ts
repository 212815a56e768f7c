// Lists an image folder: DIR/train/<class>/… and DIR/test/<class>/…, every picture below a class folder
// (subfolders included, symbolic links followed), with the size and modification time that key the cache.
// Only train/, test/ and classes.json are read; anything else in DIR (a README, a val/ folder) is not the data.
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { readdir, realpath, stat } from 'node:fs/promises';
import path from 'node:path';
import { DataError } from '../dataError';

export const SPLITS = ['train', 'test'] as const;
export type SplitName = (typeof SPLITS)[number];

/** Pictures are recognised by name; any other file is skipped (and counted), never guessed at. */
export const PICTURE_EXTENSIONS = ['.png', '.jpg', '.jpeg', '.webp'] as const;

export interface ListedPicture {
  /** Relative to the folder, forward slashes: train/cat/001.png. */
  path: string;
  size: number;
  mtimeMs: number;
  label: number;
}

export interface FolderListing {
  dir: string;
  /** Class folder names, sorted by UTF-16 code units (locale-independent: the same order on every machine). */
  classes: string[];
  /** Per split, sorted by class, then by path (same order). */
  pictures: Record<SplitName, ListedPicture[]>;
  /** Files that are not pictures by name (relative paths, sorted). */
  skipped: string[];
  /**
   * SHA-256 over every file's relative path, size and mtime (ms) in train/ and test/: changes when any is added,
   * removed or changed. Not classes.json: names do not change pixels (the build's keys take the names themselves).
   */
  sha256: string;
}

/** Plain code-unit order, never the locale's: class labels must not depend on the machine's language. */
export const byCodeUnits = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

const isPicture = (name: string) => (PICTURE_EXTENSIONS as readonly string[]).includes(path.extname(name).toLowerCase());

/** A folder holding train/ and test/: an image folder rather than IDX files. */
export function looksLikeImageFolder(dir: string): boolean {
  return SPLITS.some((s) => existsSync(path.join(dir, s)));
}

interface FoundFile {
  rel: string;
  size: number;
  mtimeMs: number;
}

/** Every file below `dir` (following links); a link back to a folder being walked is a loop and an error. */
async function walk(root: string, dir: string, ancestors: Set<string>, out: FoundFile[]): Promise<void> {
  const entries = (await readdir(dir, { withFileTypes: true })).map((e) => e.name).sort(byCodeUnits);
  for (const name of entries) {
    const p = path.join(dir, name);
    const rel = path.relative(root, p).split(path.sep).join('/');
    let info;
    try {
      info = await stat(p);
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (code === 'ELOOP') throw new DataError(p, 'is a symbolic link loop (it leads back to itself). Remove the link or point it at a real file.');
      if (code === 'ENOENT') throw new DataError(p, 'is a symbolic link to nothing (its target is missing). Remove the link or restore its target.');
      throw new DataError(p, `cannot be read (${(e as Error).message})`);
    }
    if (info.isDirectory()) {
      const real = await realpath(p);
      if (ancestors.has(real)) throw new DataError(p, `is a symbolic link loop: it leads back to ${real}, a folder it is inside. Remove the link.`);
      await walk(root, p, new Set([...ancestors, real]), out);
    } else if (info.isFile()) {
      out.push({ rel, size: info.size, mtimeMs: Math.trunc(info.mtimeMs) });
    }
  }
}

/** Class folders: every folder in train/ or test/ except hidden ones (.ipynb_checkpoints, .git), whose files are skipped. */
async function classFolders(dir: string, split: SplitName): Promise<string[]> {
  const entries = await readdir(path.join(dir, split), { withFileTypes: true });
  const folders: string[] = [];
  for (const e of entries) {
    if (e.name.startsWith('.')) continue;
    if ((await stat(path.join(dir, split, e.name)).catch(() => null))?.isDirectory()) folders.push(e.name);
  }
  return folders.sort(byCodeUnits);
}

function checkSplits(dir: string): void {
  const missing = SPLITS.filter((s) => !existsSync(path.join(dir, s)));
  if (missing.length > 0) {
    throw new DataError(dir, `has no ${missing.map((s) => `${s}/`).join(' or ')} folder: an image folder holds train/<class>/… and test/<class>/… (one folder per class in each). Add ${missing.map((s) => `${s}/`).join(' and ')}, or point --data-dir at a folder of MNIST-format IDX files.`);
  }
}

function checkSameClasses(dir: string, train: string[], test: string[]): void {
  const onlyTest = test.filter((c) => !train.includes(c));
  if (onlyTest.length > 0) {
    throw new DataError(path.join(dir, 'test'), `has class folder${onlyTest.length > 1 ? 's' : ''} ${onlyTest.join(', ')} that train/ lacks: the model cannot learn a class it never sees in training. Add train/${onlyTest[0]}/ with pictures, or remove test/${onlyTest[0]}/.`);
  }
  const onlyTrain = train.filter((c) => !test.includes(c));
  if (onlyTrain.length > 0) {
    throw new DataError(path.join(dir, 'train'), `has class folder${onlyTrain.length > 1 ? 's' : ''} ${onlyTrain.join(', ')} that test/ lacks: the report evaluates and shows every class on test pictures. Add test/${onlyTrain[0]}/ with pictures, or remove train/${onlyTrain[0]}/.`);
  }
}

/** The folder's classes and pictures. Errors name the folder or file and what to do. */
export async function listImageFolder(dir: string): Promise<FolderListing> {
  checkSplits(dir);
  const [trainClasses, testClasses] = await Promise.all(SPLITS.map((s) => classFolders(dir, s)));
  checkSameClasses(dir, trainClasses, testClasses);
  const classes = trainClasses;
  const all: FoundFile[] = [];
  for (const split of SPLITS) {
    const top = path.join(dir, split);
    await walk(dir, top, new Set([await realpath(top)]), all);
  }
  const pictures: Record<SplitName, ListedPicture[]> = { train: [], test: [] };
  const skipped: string[] = [];
  for (const f of all) {
    const [split, cls, ...rest] = f.rel.split('/');
    const label = classes.indexOf(cls);
    if (rest.length > 0 && label >= 0 && isPicture(f.rel)) pictures[split as SplitName].push({ path: f.rel, size: f.size, mtimeMs: f.mtimeMs, label });
    else skipped.push(f.rel);
  }
  for (const split of SPLITS) {
    pictures[split].sort((a, b) => a.label - b.label || byCodeUnits(a.path, b.path));
    for (const [label, cls] of classes.entries()) {
      if (!pictures[split].some((p) => p.label === label)) {
        throw new DataError(path.join(dir, split, cls), `holds no PNG, JPEG or WebP pictures (${PICTURE_EXTENSIONS.join(', ')}): every class needs pictures in train/ and test/. Add some, or remove the folder from both.`);
      }
    }
  }
  const lines = all.map((f) => `${f.rel}\t${f.size}\t${f.mtimeMs}`).sort(byCodeUnits);
  const sha256 = createHash('sha256').update(lines.join('\n')).digest('hex');
  return { dir, classes, pictures, skipped: skipped.sort(byCodeUnits), sha256 };
}
