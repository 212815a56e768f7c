import { helpText, parseFlags, resolveConfig, UsageError } from './cli/options';
import { createProgress } from './cli/progress';
import { IdxError } from './data/idx';
import { runPipeline } from './run';

/** CLI entry: the only place that reads argv and talks to the terminal. */
async function main(argv: string[]): Promise<number> {
  const flags = resolveConfig(parseFlags(argv));
  if (flags.help) {
    process.stdout.write(
      'Trains the article\'s CNN on MNIST and writes metrics, predictions, the model and feature-map images to the artifacts folder.\n\n' +
        helpText('npm run pipeline --') +
        '\nRe-running with the same config, data and pipeline code reuses the artifacts ("fresh").\n',
    );
    return 0;
  }
  const log = (line: string) => process.stderr.write(`${line}\n`);
  const result = await runPipeline({
    config: flags.config,
    outDir: flags.out,
    force: flags.force,
    log,
    progress: createProgress({ isTTY: Boolean(process.stderr.isTTY), write: (t) => process.stderr.write(t) }),
  });
  const m = result.manifest.metrics;
  log(`${result.status}: test accuracy ${(m.test_accuracy * 100).toFixed(2)}% after ${m.epochs_run} epochs (best ${m.best_epoch}) on ${result.manifest.backend.name}`);
  return 0;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (e: unknown) => {
    const known = e instanceof UsageError || e instanceof IdxError;
    const message = e instanceof Error ? e.message : String(e);
    process.stderr.write(`\npipeline failed: ${message}\n${known ? '' : 'Existing artifacts were left as they were.\n'}`);
    if (!known && process.env.DEBUG && e instanceof Error) process.stderr.write(`${e.stack}\n`);
    process.exit(1);
  },
);
