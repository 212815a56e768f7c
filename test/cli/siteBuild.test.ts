import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { MARKER, markerText } from '../../pipeline/artifacts/outputFolder';
import { buildSiteAtomically, describeBuildError, SiteBuildError } from '../../pipeline/cli/siteBuild';
import { Interrupted } from '../../pipeline/cli/stopSignals';

/** A folder holding a previous site of ours, beside the work folder of the test. */
async function previousSite() {
  const root = await mkdtemp(path.join(tmpdir(), 'sitebuild-'));
  const dist = path.join(root, 'dist');
  await mkdir(path.join(dist, 'en'), { recursive: true });
  await writeFile(path.join(dist, 'en', 'index.html'), 'old page');
  await writeFile(path.join(dist, MARKER), markerText('site'));
  return { root, dist };
}

/** A stand-in for Astro's build: writes a page (and Astro-like internals elsewhere never reach dist). */
const writesPage = (text: string) => async (outDir: string) => {
  await mkdir(path.join(outDir, 'en'), { recursive: true });
  await writeFile(path.join(outDir, 'en', 'index.html'), text);
};

describe('buildSiteAtomically', () => {
  it('builds into an empty sibling folder and renames it over the previous site only on success', async () => {
    const { root, dist } = await previousSite();
    let builtInto = '';
    await buildSiteAtomically({ projectRoot: root, dist, build: async (outDir) => {
      builtInto = outDir;
      expect(await readdir(outDir)).toEqual([]);
      expect(await readFile(path.join(dist, 'en', 'index.html'), 'utf8')).toBe('old page');
      await writesPage('new page')(outDir);
    } });
    expect(path.dirname(builtInto)).toBe(root);
    expect(path.basename(builtInto)).toMatch(/^dist\.tmp-\d+-\d+$/);
    expect(await readFile(path.join(dist, 'en', 'index.html'), 'utf8')).toBe('new page');
    expect(await readFile(path.join(dist, MARKER), 'utf8')).toBe(markerText('site'));
    expect(await readdir(root)).toEqual(['dist']);
  });

  it('keeps the previous site exactly as it was when the build fails, and says so with the failing file first', async () => {
    const { root, dist } = await previousSite();
    const astroError = Object.assign(new Error('::chart: unknown chart name "losss"'), { loc: { file: 'content/en/training.md', line: 14 } });
    const failing = async (outDir: string) => {
      await mkdir(path.join(outDir, 'chunks'), { recursive: true });
      await writeFile(path.join(outDir, 'chunks', 'half.mjs'), '');
      throw astroError;
    };
    const error = await buildSiteAtomically({ projectRoot: root, dist, build: failing }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SiteBuildError);
    expect((error as Error).message).toBe(`the site build failed:\ncontent/en/training.md:14: ::chart: unknown chart name "losss"\nNothing was published: the previous site in ${dist} was kept as it was.`);
    expect((error as Error).cause).toBe(astroError);
    expect(await readdir(dist)).toEqual([MARKER, 'en'].sort());
    expect(await readFile(path.join(dist, 'en', 'index.html'), 'utf8')).toBe('old page');
    expect(await readdir(root)).toEqual(['dist']);
  });

  it('says there was no site before when a first build fails, and writes nothing', async () => {
    const root = await mkdtemp(path.join(tmpdir(), 'sitebuild-'));
    const dist = path.join(root, 'dist');
    await expect(buildSiteAtomically({ projectRoot: root, dist, build: async () => { throw new Error('boom'); } })).rejects.toThrow(`Nothing was published: no site was written to ${dist} (there was none before).`);
    expect(await readdir(root)).toEqual([]);
  });

  it('stops at once on a stop request, without waiting for the build, and keeps the previous site', async () => {
    const { root, dist } = await previousSite();
    const controller = new AbortController();
    let finish = () => {};
    const slow = async (outDir: string) => {
      await writesPage('half')(outDir);
      controller.abort(new Interrupted('SIGTERM'));
      await new Promise<void>((r) => { finish = r; });
    };
    const error = await buildSiteAtomically({ projectRoot: root, dist, build: slow, signal: controller.signal }).catch((e: unknown) => e);
    finish();
    expect(error).toBeInstanceOf(Interrupted);
    expect((error as Interrupted).message).toBe(`stopped by SIGTERM: the previous site in ${dist} was kept as it was`);
    expect((error as Interrupted).exitCode).toBe(143);
    expect(await readFile(path.join(dist, 'en', 'index.html'), 'utf8')).toBe('old page');
    expect(await readdir(root)).toEqual(['dist']);
  });

  it('builds a --dist outside the project in a scratch folder inside it (where Astro can run it), then moves it', async () => {
    const { root, dist } = await previousSite();
    const project = await mkdtemp(path.join(tmpdir(), 'sitebuild-project-'));
    let builtInto = '';
    await buildSiteAtomically({ projectRoot: project, dist, build: async (outDir) => {
      builtInto = outDir;
      await writesPage('new page')(outDir);
    } });
    expect(path.dirname(builtInto)).toBe(project);
    expect(await readFile(path.join(dist, 'en', 'index.html'), 'utf8')).toBe('new page');
    expect(await readdir(project)).toEqual([]);
    expect(await readdir(root)).toEqual(['dist']);
    await expect(buildSiteAtomically({ projectRoot: project, dist, build: async () => { throw new Error('boom'); } })).rejects.toThrow('the previous site');
    expect(await readFile(path.join(dist, 'en', 'index.html'), 'utf8')).toBe('new page');
    expect(await readdir(project)).toEqual([]);
  });

  it('sweeps the temporary folder of a killed build before building', async () => {
    const { root, dist } = await previousSite();
    const { spawnSync } = await import('node:child_process');
    const dead = spawnSync(process.execPath, ['-e', '']).pid!;
    await mkdir(path.join(root, `dist.tmp-${dead}-1`, 'chunks'), { recursive: true });
    await buildSiteAtomically({ projectRoot: root, dist, build: writesPage('new') });
    expect(await readdir(root)).toEqual(['dist']);
    expect(existsSync(path.join(dist, 'chunks'))).toBe(false);
  });
});

describe('describeBuildError', () => {
  it('names the file from Vite’s id when there is no location, keeps at most four lines and adds the hint', () => {
    const e = Object.assign(new Error('a\nb\nc\nd\ne'), { id: '/p/site/pages/x.astro', hint: 'check the import' });
    expect(describeBuildError(e)).toBe('/p/site/pages/x.astro: a\nb\nc\nd\nHint: check the import');
    expect(describeBuildError(new Error('content/en/a.md:3:1 bad'))).toBe('content/en/a.md:3:1 bad');
    expect(describeBuildError('plain')).toBe('plain');
  });
});
