import { existsSync, lstatSync, readdirSync, readFileSync, realpathSync, statSync } from 'node:fs';
import path from 'node:path';

/**
 * The one guard for the folders a run replaces (`--out`, `--dist`). A commit renames the whole folder
 * away and deletes it, so a run may only write where nothing but its own earlier output would be lost.
 */
export type OutputKind = 'artifacts' | 'site';

/** Written into every folder we commit, so a later run knows the folder is ours to replace. */
export const MARKER = '.cnn-report';

const WRITER = 'cnn-hidden-truth';

export class OutputFolderError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'OutputFolderError';
  }
}

export interface OutputContext {
  /** The working directory the flag is relative to. */
  cwd: string;
  home: string;
  /** Extra folders to protect with their ancestors, e.g. the folder of this project's own code. */
  protect?: string[];
}

export function markerText(kind: OutputKind): string {
  return `${JSON.stringify({ writtenBy: WRITER, kind })}\n`;
}

function markerKind(dir: string): OutputKind | null {
  try {
    const m = JSON.parse(readFileSync(path.join(dir, MARKER), 'utf8')) as { writtenBy?: unknown; kind?: unknown };
    return m.writtenBy === WRITER && (m.kind === 'artifacts' || m.kind === 'site') ? m.kind : null;
  } catch {
    return null;
  }
}

/** Folders written before markers existed: artifacts by their manifest, a site by its `_headers` and pages. */
function legacyKind(dir: string): OutputKind | null {
  try {
    const m = JSON.parse(readFileSync(path.join(dir, 'manifest.json'), 'utf8')) as Record<string, unknown> | null;
    if (m && typeof m.schemaVersion === 'number' && typeof m.cacheKey === 'string' && Array.isArray(m.files)) return 'artifacts';
  } catch {
    // not a manifest of ours
  }
  return existsSync(path.join(dir, '_headers')) && existsSync(path.join(dir, 'en', 'index.html')) ? 'site' : null;
}

/** The nearest folder at or above `dir` that looks like a project (package.json or .git), or null. */
function projectRootOf(dir: string): string | null {
  for (let d = dir; ; d = path.dirname(d)) {
    if (existsSync(path.join(d, 'package.json')) || existsSync(path.join(d, '.git'))) return d;
    if (path.dirname(d) === d) return null;
  }
}

const isAtOrAbove = (folder: string, inner: string) => inner === folder || inner.startsWith(folder.endsWith(path.sep) ? folder : folder + path.sep);

/** Why `abs` may not be replaced because of where it is, or null. */
function protectedReason(abs: string, ctx: OutputContext): string | null {
  if (path.parse(abs).root === abs) return 'the root of the filesystem';
  const named: [string | null, string][] = [
    [ctx.cwd, 'the current folder'],
    [projectRootOf(ctx.cwd), 'the project folder'],
    ...(ctx.protect ?? []).map((p): [string, string] => [p, 'the project folder']),
    [ctx.home, 'your home folder'],
  ];
  const known = named.filter((n): n is [string, string] => n[0] !== null).map(([f, what]): [string, string] => [path.resolve(f), what]);
  // The folder itself first: `..` from a subfolder is "the project folder", not "an ancestor of the current folder".
  const same = known.find(([f]) => f === abs);
  if (same) return same[1];
  const below = known.find(([f]) => isAtOrAbove(abs, f));
  return below ? `an ancestor of ${below[1]} (${below[0]})` : null;
}

/** The nearest existing path at or above `abs`. */
function nearestExisting(abs: string): string {
  let d = abs;
  while (!existsSync(d) && path.dirname(d) !== d) d = path.dirname(d);
  return d;
}

/**
 * Why replacing `abs` would lose something that is not our own output of this kind, or null.
 * Also checked by the staging commit, in case the folder changed while the run worked.
 */
export function replaceProblem(abs: string, kind: OutputKind): string | null {
  let stat;
  try {
    stat = lstatSync(abs);
  } catch {
    const above = nearestExisting(path.dirname(abs));
    return statSync(above).isDirectory() ? null : `it is inside ${above}, which is a file, not a folder`;
  }
  if (stat.isSymbolicLink()) return `it is a symbolic link (to ${realpathOr(abs)}); replacing it would remove the link`;
  if (!stat.isDirectory()) return 'it is an existing file, not a folder; writing there would delete the file';
  const names = readdirSync(abs);
  if (names.length === 0) return null;
  const mine = markerKind(abs) ?? legacyKind(abs);
  if (mine === kind) return null;
  if (mine) return `it holds this project's ${mine === 'site' ? 'built site' : 'artifacts'}, not its ${kind === 'site' ? 'built site' : 'artifacts'}; replacing it would delete them`;
  const shown = names.slice(0, 3).join(', ') + (names.length > 3 ? `, … (${names.length} entries)` : '');
  return `it already holds files this project did not write (${shown}); replacing it would delete them`;
}

function realpathOr(p: string): string {
  try {
    return realpathSync(p);
  } catch {
    return 'a missing target';
  }
}

const EXAMPLE: Record<OutputKind, string> = { artifacts: '--out artifacts', site: '--dist dist' };

/** Checks a `--out`/`--dist` value before any work starts; returns the absolute folder. */
export function checkOutputFolder(flag: string, raw: string, kind: OutputKind, ctx: OutputContext): string {
  const fix = `Give a new or empty folder of its own (e.g. ${EXAMPLE[kind]}), or a folder an earlier run wrote.`;
  if (raw.trim() === '') {
    throw new OutputFolderError(`${flag} is empty: it would mean the current folder (${ctx.cwd}), and the run replaces the whole folder it writes to. ${fix} (An unset shell variable in ${flag} "$DIR" gives this.)`);
  }
  const abs = path.resolve(ctx.cwd, raw);
  const where = protectedReason(abs, ctx);
  if (where) throw new OutputFolderError(`${flag} ${raw} is ${abs}, ${where}: the run replaces the whole folder it writes to, so everything in it would be deleted. ${fix}`);
  const problem = replaceProblem(abs, kind);
  if (problem) throw new OutputFolderError(`${flag} ${raw} (${abs}) cannot be used: ${problem}. ${fix}`);
  return abs;
}

/** `npm run build` writes the artifacts and then the site: neither folder may hold the other. */
export function checkSeparate(out: string, dist: string): void {
  if (isAtOrAbove(out, dist) || isAtOrAbove(dist, out)) {
    throw new OutputFolderError(`--out (${out}) and --dist (${dist}) must be separate folders, neither inside the other: building the site would replace the artifacts it reads. Give each its own folder, e.g. --out artifacts --dist dist.`);
  }
}
