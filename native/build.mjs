// Builds the oneDNN kernel addon (native/) with node-gyp when it is missing or older than its
// sources. Run by `npm ci` (the root `install` script) and before `npm run build`, `npm test` and
// `npm run bench`. It never fails: without a compiler or oneDNN's headers, or when the build
// breaks, it prints one line saying so and training uses the wasm kernels.
// `--force` rebuilds even when the addon is up to date; ONEDNN_ROOT=<prefix> says where oneDNN is.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, realpathSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const addon = path.join(here, 'build', 'Release', 'onednn_kernels.node');
const log = path.join(here, 'build.log');
const advice = 'install oneDNN for faster training (`apt-get install libdnnl-dev` on Debian/Ubuntu, `brew install onednn` on macOS), then run `npm run build:native`';
const say = (line) => console.log(`oneDNN kernels: ${line}`);
const run = (cmd, args, opts = {}) => spawnSync(cmd, args, { encoding: 'utf8', cwd: here, ...opts });

function sourcesTime() {
  const files = ['binding.gyp', ...readdirSync(path.join(here, 'src')).map((f) => path.join('src', f))];
  return Math.max(...files.map((f) => statSync(path.join(here, f)).mtimeMs));
}

/** The prefix holding include/oneapi/dnnl/dnnl.hpp: $ONEDNN_ROOT if set, else Homebrew's or a usual one. */
function findHeaders() {
  const prefixes = process.env.ONEDNN_ROOT ? [process.env.ONEDNN_ROOT] : ['/usr', '/usr/local', '/opt/homebrew'];
  const brew = process.env.ONEDNN_ROOT ? null : run('brew', ['--prefix', 'onednn']);
  if (brew?.status === 0) prefixes.unshift(brew.stdout.trim());
  return prefixes.find((p) => existsSync(path.join(p, 'include', 'oneapi', 'dnnl', 'dnnl.hpp')));
}

/** The npm CLI script behind an `npm` on PATH (e.g. /usr/bin/npm → /usr/lib/node_modules/npm/bin/npm-cli.js), if any. */
function npmOnPath() {
  const found = (process.env.PATH ?? '').split(path.delimiter).map((dir) => path.join(dir, 'npm')).find((f) => existsSync(f));
  return found && realpathSync(found);
}

/**
 * node-gyp: the copy npm runs scripts with, else the one bundled with this Node's npm, else the
 * one bundled with the npm on PATH (a Node unpacked without npm, run directly), else one on PATH.
 */
function nodeGyp() {
  const bundled = (npmCli) => npmCli && path.join(path.dirname(npmCli), '..', 'node_modules', 'node-gyp', 'bin', 'node-gyp.js');
  const candidates = [
    process.env.npm_config_node_gyp,
    bundled(process.env.npm_execpath),
    path.join(path.dirname(process.execPath), '..', 'lib', 'node_modules', 'npm', 'node_modules', 'node-gyp', 'bin', 'node-gyp.js'),
    bundled(npmOnPath()),
  ].filter(Boolean);
  const found = candidates.find((c) => existsSync(c));
  return found ? [process.execPath, [found]] : ['node-gyp', []];
}

function main() {
  const force = process.argv.includes('--force');
  if (!force && existsSync(addon) && statSync(addon).mtimeMs >= sourcesTime()) return;
  const prefix = findHeaders();
  if (!prefix) return say(`not built (oneDNN headers not found); ${advice}.`);
  const compiler = ['c++', 'g++', 'clang++'].find((c) => run(c, ['--version']).status === 0);
  if (!compiler) return say(`not built (no C++ compiler found: install g++ or clang); ${advice}.`);
  // Node's own headers, when installed next to it, spare node-gyp a download from nodejs.org.
  const nodePrefix = path.resolve(path.dirname(process.execPath), '..');
  const nodedir = existsSync(path.join(nodePrefix, 'include', 'node', 'node_api.h')) ? [`--nodedir=${nodePrefix}`] : [];
  const [cmd, pre] = nodeGyp();
  say('building the addon with node-gyp…');
  const env = { ...process.env, CPATH: [path.join(prefix, 'include'), process.env.CPATH].filter(Boolean).join(':'), LIBRARY_PATH: [path.join(prefix, 'lib'), process.env.LIBRARY_PATH].filter(Boolean).join(':') };
  const build = run(cmd, [...pre, 'rebuild', ...nodedir], { env });
  writeFileSync(log, `${build.stdout ?? ''}\n${build.stderr ?? ''}\n${build.error?.message ?? ''}`);
  if (build.status !== 0) {
    rmSync(path.join(here, 'build'), { recursive: true, force: true });
    return say(`build failed (details in native/build.log); training uses the wasm kernels. To retry: npm run build:native`);
  }
  const probe = run(process.execPath, ['-e', `const a = require(${JSON.stringify(addon)}); console.log(a.version.major + '.' + a.version.minor + '.' + a.version.patch)`]);
  if (probe.status !== 0) {
    rmSync(path.join(here, 'build'), { recursive: true, force: true });
    return say(`built but does not load (${(probe.stderr || '').trim().split('\n')[0]}); training uses the wasm kernels.`);
  }
  say(`built against oneDNN ${probe.stdout.trim()} (${path.relative(process.cwd(), addon)})`);
}

try {
  main();
} catch (error) {
  say(`not built (${error instanceof Error ? error.message : String(error)}); training uses the wasm kernels.`);
}
