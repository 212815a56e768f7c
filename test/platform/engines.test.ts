// The Node.js the project supports, said in four places that must agree: package.json's engines (which
// .npmrc's engine-strict enforces on `npm ci`), .nvmrc (for contributors' version managers), .ci/run's exact
// CI versions, and the engines of every package the lock file installs on this platform.
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import semver from 'semver';
import { describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '../..');
const read = (file: string) => readFileSync(path.join(root, file), 'utf8');
const engines: string = JSON.parse(read('package.json')).engines.node;
const ciVersion = (name: string) => {
  const found = read('.ci/run').match(new RegExp(`^${name}=(\\S+)$`, 'm'));
  if (!found) throw new Error(`.ci/run sets no ${name}`);
  return found[1];
};

interface LockedPackage { engines?: { node?: string }; os?: string[]; cpu?: string[]; hasInstallScript?: boolean; optional?: boolean }
const lockedPackages = Object.entries(JSON.parse(read('package-lock.json')).packages as Record<string, LockedPackage>)
  .filter(([where]) => where !== '')
  .map(([where, entry]) => ({ name: where.replace(/^.*node_modules\//, ''), where, ...entry }));
// npm neither installs nor checks a package built for another os or cpu (sharp's and esbuild's per-platform binaries).
const matches = (list: string[] | undefined, value: string) => !list || list.some((v) => (v.startsWith('!') ? v.slice(1) !== value : v === value));
const installedHere = lockedPackages.filter((p) => matches(p.os, process.platform) && matches(p.cpu, process.arch));

describe('the supported Node.js', () => {
  it('is the same in engines, .nvmrc and CI: CI tests the oldest version engines allows and a current 24 LTS', () => {
    const minimum = ciVersion('minimum_node');
    const supported = ciVersion('supported_node');
    expect(semver.minVersion(engines)?.version).toBe(minimum);
    expect(semver.satisfies(supported, engines)).toBe(true);
    expect(semver.major(supported)).toBe(24);
    expect(read('.nvmrc').trim()).toBe(String(semver.major(supported)));
    expect(read('.npmrc')).toMatch(/^engine-strict=true$/m);
  });

  it('is accepted by every package the lock installs on this platform, at the oldest and the CI version', () => {
    const refusing = (version: string) => installedHere
      .filter((p) => p.engines?.node && !semver.satisfies(version, p.engines.node))
      .map((p) => `${p.name} (node ${p.engines!.node})`);
    // With engine-strict, one such package makes `npm ci` fail on that Node: raise engines, or hold the package back.
    expect(refusing(ciVersion('minimum_node'))).toEqual([]);
    expect(refusing(ciVersion('supported_node'))).toEqual([]);
  });
});

describe('npm ci on a Node.js older than engines', () => {
  // .ci/run keeps the machine's own Node here when it fetches a newer one for the suite.
  const oldNode = process.env.CNN_OLD_NODE;
  const oldVersion = oldNode && existsSync(oldNode) ? spawnSync(oldNode, ['--version'], { encoding: 'utf8' }).stdout.trim() : '';
  const usable = oldVersion !== '' && !semver.satisfies(oldVersion, engines);
  if (!usable) console.log(`npm ci on an old Node: skipped (set CNN_OLD_NODE to a Node.js older than ${engines}; .ci/run does)`);

  it.skipIf(!usable)('stops at once with the version needed, leaving no node_modules behind', () => {
    const scratch = mkdtempSync(path.join(tmpdir(), 'cnn-old-node-'));
    try {
      for (const file of ['package.json', 'package-lock.json', '.npmrc']) copyFileSync(path.join(root, file), path.join(scratch, file));
      // npm's launcher runs whichever `node` comes first on PATH: put the old one there.
      const env: NodeJS.ProcessEnv = { ...process.env, PATH: `${path.dirname(oldNode!)}${path.delimiter}${process.env.PATH}` };
      for (const key of Object.keys(env)) if (key.startsWith('npm_')) delete env[key];
      const started = Date.now();
      const run = spawnSync('npm', ['ci', '--no-audit', '--no-fund'], { cwd: scratch, env, encoding: 'utf8', timeout: 120_000 });
      const output = `${run.stdout}\n${run.stderr}`;
      console.log(`npm ci on ${oldVersion}: exit ${run.status} after ${Date.now() - started} ms`);
      expect(run.status).not.toBe(0);
      expect(output).toContain('EBADENGINE');
      expect(output).toContain(`Required: {"node":"${engines}"}`);
      expect(output).toContain(`Actual:   {"node":"${oldVersion}"`);
      expect(readdirSync(scratch).sort()).toEqual(['.npmrc', 'package-lock.json', 'package.json']);
    } finally {
      rmSync(scratch, { recursive: true, force: true });
    }
  });
});

describe('install scripts', () => {
  const allowScripts: Record<string, boolean> = JSON.parse(read('package.json')).allowScripts ?? {};
  const decided = (name: string) => Object.keys(allowScripts).some((key) => key === name || key.startsWith(`${name}@`));
  const withScripts = [...new Set(lockedPackages.filter((p) => p.hasInstallScript).map((p) => p.name))];

  it('are decided in allowScripts for every package in the lock that has one', () => {
    // npm 12 skips undecided scripts; CI's --strict-allow-scripts fails on them: decide in package.json.
    expect(withScripts.filter((name) => !decided(name))).toEqual([]);
  });

  it('are decided only for packages the lock still holds, each with a reason in docs/platform.md', () => {
    const names = Object.keys(allowScripts).map((key) => key.replace(/(.)@.*$/, '$1'));
    expect(names.filter((name) => !withScripts.includes(name))).toEqual([]);
    const docs = read('docs/platform.md');
    expect(names.filter((name) => !docs.includes(`\`${name}\``))).toEqual([]);
  });
});
