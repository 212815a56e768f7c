import path from 'node:path';
import { BUILD_FLAGS, helpText, parseFlags, resolveConfig } from './cli/options';
import { createProgress } from './cli/progress';
import { runCli } from './cli/runCli';
import { kernelSetOf } from './backend/selectBackend';
import { runPipeline } from './run';

/** `npm run build`: the pipeline (quick when its artifacts are fresh), then `astro build` into dist/. */
async function main(argv: string[]): Promise<number> {
  const values = parseFlags(argv, BUILD_FLAGS);
  const flags = resolveConfig(values);
  if (flags.help) {
    process.stdout.write(
      'Builds the report: runs the pipeline (reusing fresh artifacts), then renders the site into dist/.\n' +
        'Environment: SITE_URL and BASE_PATH to deploy under a sub-path.\n\n' +
        helpText('npm run build --', BUILD_FLAGS),
    );
    return 0;
  }
  const log = (line: string) => process.stderr.write(`${line}\n`);
  const result = await runPipeline({
    config: flags.config,
    outDir: flags.out,
    force: flags.force,
    train: flags.train,
    log,
    progress: createProgress({ isTTY: Boolean(process.stderr.isTTY), write: (t) => process.stderr.write(t) }),
  });
  const m = result.manifest.metrics;
  log(`pipeline ${result.status}: test accuracy ${(m.test_accuracy * 100).toFixed(2)}% after ${m.epochs_run} epochs on ${kernelSetOf(result.manifest.backend)}`);
  process.env.ARTIFACTS_DIR = path.resolve(flags.out);
  log('site: astro build');
  const { build } = await import('astro');
  // force: Astro starts from an empty content store. When the artifacts change, its config digest changes
  // and it clears the stored collection in place; under load that has left the pages collection empty.
  await build({ root: process.cwd(), outDir: path.resolve(String(values.dist ?? 'dist')), force: true });
  return 0;
}

runCli('build', main);
