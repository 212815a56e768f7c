import { mkdir, mkdtemp, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkOutputFolder, checkSeparate, MARKER, markerText, OutputFolderError, replaceProblem } from '../../pipeline/artifacts/outputFolder';
import { folderSnapshot } from '../folderSnapshot';

/** A small fake project (never the real one): package.json, .git, a source file; cwd and home are inside the temp folder. */
async function fakeProject() {
  const top = await mkdtemp(path.join(tmpdir(), 'outfolder-'));
  const home = path.join(top, 'home');
  const project = path.join(home, 'project');
  await mkdir(path.join(project, '.git'), { recursive: true });
  await mkdir(path.join(project, 'src'));
  await writeFile(path.join(project, 'package.json'), '{}');
  await writeFile(path.join(project, 'src', 'main.ts'), 'source');
  return { top, home, project, ctx: { cwd: project, home } };
}


function refusal(run: () => unknown): string {
  try {
    run();
  } catch (e) {
    expect(e).toBeInstanceOf(OutputFolderError);
    return (e as Error).message;
  }
  throw new Error('expected a refusal');
}

describe('checkOutputFolder', () => {
  it('refuses an empty --out, the project folder, its ancestors, the home folder and / with a message naming the folder and why', async () => {
    const { top, home, project, ctx } = await fakeProject();
    const before = await folderSnapshot(top);
    expect(refusal(() => checkOutputFolder('--out', '', 'artifacts', ctx))).toMatch(new RegExp(`--out is empty: it would mean the current folder \\(${project}\\).*unset shell variable`));
    expect(refusal(() => checkOutputFolder('--out', '.', 'artifacts', ctx))).toContain(`--out . is ${project}, the current folder: the run replaces the whole folder`);
    expect(refusal(() => checkOutputFolder('--out', '..', 'artifacts', ctx))).toContain(`--out .. is ${home}, your home folder`);
    expect(refusal(() => checkOutputFolder('--out', '../..', 'artifacts', ctx))).toContain(`--out ../.. is ${top}, an ancestor of the current folder (${project})`);
    expect(refusal(() => checkOutputFolder('--dist', home, 'site', ctx))).toMatch(/your home folder.*e\.g\. --dist dist/);
    expect(refusal(() => checkOutputFolder('--out', '/', 'artifacts', { cwd: project, home: '/nowhere' }))).toContain('--out / is /, the root of the filesystem');
    // From a subfolder, the project folder is found by its package.json / .git.
    expect(refusal(() => checkOutputFolder('--out', '..', 'artifacts', { cwd: path.join(project, 'src'), home: '/nowhere' }))).toContain(`is ${project}, the project folder`);
    expect(refusal(() => checkOutputFolder('--out', path.join(top, 'home'), 'artifacts', { cwd: top, home }))).toContain('your home folder');
    expect(refusal(() => checkOutputFolder('--out', 'x', 'artifacts', { cwd: top, home: '/nowhere', protect: [path.join(top, 'x', 'code')] }))).toContain('an ancestor of the project folder');
    expect(await folderSnapshot(top)).toEqual(before);
  });

  it('refuses an existing file, a path under a file, a symbolic link and a folder of other files, and changes nothing', async () => {
    const { top, project, ctx } = await fakeProject();
    await writeFile(path.join(project, 'notes.txt'), 'mine');
    await mkdir(path.join(project, 'photos'));
    await writeFile(path.join(project, 'photos', 'a.jpg'), 'jpg');
    await symlink(path.join(project, 'photos'), path.join(project, 'link'));
    const before = await folderSnapshot(top);
    expect(refusal(() => checkOutputFolder('--out', 'notes.txt', 'artifacts', ctx))).toBe(
      `--out notes.txt (${project}/notes.txt) cannot be used: it is an existing file, not a folder; writing there would delete the file. Give a new or empty folder of its own (e.g. --out artifacts), or a folder an earlier run wrote.`,
    );
    expect(refusal(() => checkOutputFolder('--out', 'notes.txt/sub/deeper', 'artifacts', ctx))).toContain(`it is inside ${project}/notes.txt, which is a file, not a folder`);
    expect(refusal(() => checkOutputFolder('--dist', 'photos', 'site', ctx))).toContain('it already holds files this project did not write (a.jpg); replacing it would delete them');
    expect(refusal(() => checkOutputFolder('--dist', 'link', 'site', ctx))).toContain(`it is a symbolic link (to ${project}/photos)`);
    expect(refusal(() => checkOutputFolder('--out', 'src', 'artifacts', ctx))).toContain('(main.ts)');
    expect(await folderSnapshot(top)).toEqual(before);
  });

  it('accepts a new folder, an empty one, our marked output of the same kind and artifacts of earlier versions', async () => {
    const { project, ctx } = await fakeProject();
    expect(checkOutputFolder('--out', 'artifacts', 'artifacts', ctx)).toBe(path.join(project, 'artifacts'));
    expect(checkOutputFolder('--out', 'new/deeper', 'artifacts', ctx)).toBe(path.join(project, 'new', 'deeper'));
    await mkdir(path.join(project, 'empty'));
    expect(checkOutputFolder('--dist', 'empty', 'site', ctx)).toBe(path.join(project, 'empty'));
    await mkdir(path.join(project, 'dist'));
    await writeFile(path.join(project, 'dist', 'index.html'), 'old site');
    await writeFile(path.join(project, 'dist', MARKER), markerText('site'));
    expect(checkOutputFolder('--dist', 'dist', 'site', ctx)).toBe(path.join(project, 'dist'));
    await mkdir(path.join(project, 'old-artifacts'));
    await writeFile(path.join(project, 'old-artifacts', 'manifest.json'), JSON.stringify({ schemaVersion: 3, cacheKey: 'k', files: [] }));
    expect(checkOutputFolder('--out', 'old-artifacts', 'artifacts', ctx)).toBe(path.join(project, 'old-artifacts'));
  });

  it('refuses our output of the other kind, and a manifest-like file that is not ours', async () => {
    const { project, ctx } = await fakeProject();
    await mkdir(path.join(project, 'dist'));
    await writeFile(path.join(project, 'dist', MARKER), markerText('site'));
    expect(refusal(() => checkOutputFolder('--out', 'dist', 'artifacts', ctx))).toContain("it holds this project's built site, not its artifacts");
    await mkdir(path.join(project, 'other'));
    await writeFile(path.join(project, 'other', 'manifest.json'), JSON.stringify({ name: 'someone else' }));
    expect(replaceProblem(path.join(project, 'other'), 'artifacts')).toMatch(/did not write \(manifest\.json\)/);
    await writeFile(path.join(project, 'other', MARKER), JSON.stringify({ writtenBy: 'another tool', kind: 'artifacts' }));
    expect(replaceProblem(path.join(project, 'other'), 'artifacts')).toMatch(/did not write/);
  });
});

describe('checkSeparate', () => {
  it('refuses --out and --dist that are the same folder or one inside the other', () => {
    expect(() => checkSeparate('/w/a', '/w/a')).toThrow(/--out \(\/w\/a\) and --dist \(\/w\/a\) must be separate folders/);
    expect(() => checkSeparate('/w/a', '/w/a/site')).toThrow(OutputFolderError);
    expect(() => checkSeparate('/w/a/art', '/w/a')).toThrow(OutputFolderError);
    expect(() => checkSeparate('/w/a', '/w/ab')).not.toThrow();
  });
});
