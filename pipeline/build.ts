import { checkOutputFolder, checkSeparate } from './artifacts/outputFolder';
import { BUILD_FLAGS, helpText, parseFlags, resolveConfig } from './cli/options';
import { createProgress } from './cli/progress';
import { runCli, userOutputContext, type CliContext } from './cli/runCli';
import { buildSiteAtomically } from './cli/siteBuild';
import { kernelSetOf } from './backend/selectBackend';
import { runPipeline } from './run';

/**
 * Astro's build into `outDir` (inside the project: see buildSiteAtomically). Error objects printed to the
 * console (the Markdown renderer prints each with its stack) appear only with DEBUG=1: the error is
 * reported once, by our message, and its stack with DEBUG=1.
 */
async function astroBuild(root: string, outDir: string): Promise<void> {
  const { build } = await import('astro');
  const consoleError = console.error;
  if (!process.env.DEBUG) console.error = (...args: unknown[]) => void (args.some((a) => a instanceof Error) || consoleError(...args));
  try {
    // force: Astro starts from an empty content store. When the artifacts change, its config digest changes
    // and it clears the stored collection in place; under load that has left the pages collection empty.
    await build({ root, outDir, force: true });
  } finally {
    console.error = consoleError;
  }
}

/** `npm run build`: the pipeline (quick when its artifacts are fresh), then `astro build` into dist/. */
async function main(argv: string[], { signal }: CliContext): Promise<number> {
  const values = parseFlags(argv, BUILD_FLAGS);
  const flags = resolveConfig(values);
  if (flags.help) {
    process.stdout.write(
      'Builds the report: runs the pipeline (reusing fresh artifacts), then renders the site into dist/.\n' +
        'Your own model: npm run build -- --model my_model.keras (or .h5, or a TF.js model.json).\n' +
        'Environment: SITE_URL and BASE_PATH to deploy under a sub-path.\n\n' +
        helpText('npm run build --', BUILD_FLAGS),
    );
    return 0;
  }
  // Both folders are checked before any work, so a bad --dist does not cost a training run.
  const where = userOutputContext();
  const root = where.cwd;
  const out = checkOutputFolder('--out', flags.out, 'artifacts', where);
  const dist = checkOutputFolder('--dist', String(values.dist ?? 'dist'), 'site', where);
  checkSeparate(out, dist);
  const log = (line: string) => process.stderr.write(`${line}\n`);
  const result = await runPipeline({
    config: flags.config,
    outDir: out,
    force: flags.force,
    train: flags.train,
    log,
    progress: createProgress({ isTTY: Boolean(process.stderr.isTTY), write: (t) => process.stderr.write(t) }),
    signal,
  });
  const m = result.manifest.metrics;
  // An imported model has no epochs: it was evaluated, not trained.
  const how = m.epochs_run === undefined ? `of ${result.manifest.model.source.file ?? 'the imported model'} (not trained here)` : `after ${m.epochs_run} epochs`;
  log(`pipeline ${result.status}: test accuracy ${(m.test_accuracy * 100).toFixed(2)}% ${how} on ${kernelSetOf(result.manifest.backend)}`);
  process.env.ARTIFACTS_DIR = out;
  log(`site: astro build into ${dist}`);
  await buildSiteAtomically({ dist, build: (outDir) => astroBuild(root, outDir), signal, projectRoot: root });
  return 0;
}

runCli('build', main);
