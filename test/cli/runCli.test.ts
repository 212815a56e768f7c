import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { writeTinyIdxFolder } from '../data/fixtures';
import { folderSnapshot } from '../folderSnapshot';

/** The CLIs run as a user runs them, with tsx loaded by absolute path so the working directory can be anywhere. */
const TSX = pathToFileURL(path.resolve('node_modules/tsx/dist/loader.mjs')).href;
const entry = (name: 'main' | 'build') => path.resolve('pipeline', `${name}.ts`);

interface Ran { code: number | null; stderr: string; ms: number }

function runEntry(name: 'main' | 'build', args: string[], cwd: string, onStderr?: (text: string, kill: (s: NodeJS.Signals) => void) => void): Promise<Ran> {
  const t0 = Date.now();
  const child = spawn(process.execPath, ['--import', TSX, entry(name), ...args], { cwd, env: { ...process.env, DEBUG: '' } });
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => {
    stderr += d.toString();
    onStderr?.(stderr, (s) => child.kill(s));
  });
  return new Promise((resolve) => child.on('close', (code) => resolve({ code, stderr, ms: Date.now() - t0 })));
}

/** A small fake project (never the real one): package.json, .git and a source file. */
async function fakeProject() {
  const project = await mkdtemp(path.join(tmpdir(), 'cli-project-'));
  await mkdir(path.join(project, '.git'));
  await writeFile(path.join(project, 'package.json'), '{}');
  await writeFile(path.join(project, 'notes.txt'), 'mine');
  return project;
}


let dataDir: string;
beforeAll(async () => {
  dataDir = await writeTinyIdxFolder({ train: 256, test: 64 });
});

const TINY = () => ['--data-dir', dataDir, '--backend', 'wasm', '--workers', '1', '--train-limit', '256', '--test-limit', '64', '--batch-size', '32'];

describe('the CLIs', () => {
  it('refuses --out "" and --out . in a project before loading any data, and the project is unchanged', async () => {
    const project = await fakeProject();
    const before = await folderSnapshot(project);
    for (const out of ['', '.']) {
      const ran = await runEntry('main', ['--out', out, ...TINY()], project);
      expect(ran.code).toBe(1);
      expect(ran.stderr).toContain(out === '' ? '--out is empty: it would mean the current folder' : `--out . is ${project}, the current folder`);
      expect(ran.stderr).not.toMatch(/data:|Set DEBUG=1/);
    }
    expect(await folderSnapshot(project)).toEqual(before);
  }, 60_000);

  it('prints bad data as one line naming the folder, without a stack trace', async () => {
    const project = await fakeProject();
    const half = await mkdtemp(path.join(tmpdir(), 'half-folder-'));
    await mkdir(path.join(half, 'train', 'cat'), { recursive: true });
    const ran = await runEntry('main', ['--out', path.join(project, 'artifacts'), '--data-dir', half, '--backend', 'wasm', '--workers', '1'], project);
    expect(ran.code).toBe(1);
    expect(ran.stderr).toContain(`failed: ${half}: has no test/ folder`);
    expect(ran.stderr).not.toMatch(/Set DEBUG=1|at .*\.ts:\d+/);
  }, 60_000);

  it('refuses a --dist under a file at once, before the pipeline runs', async () => {
    const project = await fakeProject();
    const before = await folderSnapshot(project);
    const ran = await runEntry('build', ['--dist', 'notes.txt/site', '--out', 'artifacts', ...TINY()], project);
    expect(ran.code).toBe(1);
    expect(ran.stderr).toContain(`build failed: --dist notes.txt/site (${project}/notes.txt/site) cannot be used: it is inside ${project}/notes.txt, which is a file, not a folder.`);
    expect(ran.stderr).not.toContain('training');
    expect(await folderSnapshot(project)).toEqual(before);
  }, 60_000);

  it('stops on SIGTERM during training: one line saying nothing was changed, exit 143, no temporary folder or lock left', async () => {
    const work = await mkdtemp(path.join(tmpdir(), 'cli-stop-'));
    let sent = false;
    const ran = await runEntry('main', ['--out', path.join(work, 'artifacts'), '--epochs', '500', ...TINY()], work, (text, kill) => {
      if (!sent && /training on \d+ images/.test(text)) {
        sent = true;
        kill('SIGTERM');
      }
    });
    expect(ran.code).toBe(143);
    expect(ran.stderr).toContain('pipeline stopped by SIGTERM: nothing was changed.');
    expect(await readdir(work)).toEqual([]);
  }, 120_000);

  it('stops when its parent shell dies (npm killed with SIGTERM), instead of committing later as an orphan', async () => {
    const work = await mkdtemp(path.join(tmpdir(), 'cli-orphan-'));
    const cmd = [process.execPath, '--import', TSX, entry('main'), '--out', path.join(work, 'artifacts'), '--epochs', '500', ...TINY()].map((a) => `'${a}'`).join(' ');
    // `; true`: the shell waits for node instead of becoming it, as npm's `sh -c` does.
    const shell = spawn('sh', ['-c', `${cmd}; true`], { cwd: work });
    let stderr = '';
    await new Promise<void>((resolve) => shell.stderr.on('data', (d: Buffer) => {
      stderr += d.toString();
      if (/training on \d+ images/.test(stderr)) resolve();
    }));
    shell.kill('SIGKILL');
    // The pipe closes when the orphaned node process exits.
    await new Promise((resolve) => shell.stderr.on('close', resolve));
    expect(stderr).toMatch(/pipeline stopped by its parent process \(pid \d+\) exiting: nothing was changed\./);
    expect(existsSync(path.join(work, 'artifacts'))).toBe(false);
    expect(await readdir(work)).toEqual([]);
  }, 120_000);
});
