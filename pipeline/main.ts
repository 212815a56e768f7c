import { FLAGS, helpText, parseFlags, resolveConfig } from './cli/options';
import { createProgress } from './cli/progress';
import { runCli } from './cli/runCli';
import { runPipeline } from './run';

export const PIPELINE_INTRO =
  "Trains the article's CNN on MNIST and writes metrics, predictions, the model and feature-map images to the artifacts folder.\n" +
  'Re-running with the same config, data and pipeline code reuses the artifacts ("fresh"); a change that only\n' +
  'affects the drawings (--samples, drawing code) redraws them from the saved model without retraining.\n\n';

/** CLI entry: the only place that reads argv and talks to the terminal. */
async function main(argv: string[]): Promise<number> {
  const flags = resolveConfig(parseFlags(argv, FLAGS));
  if (flags.help) {
    process.stdout.write(PIPELINE_INTRO + helpText('npm run pipeline --', FLAGS));
    return 0;
  }
  await runPipeline({
    config: flags.config,
    outDir: flags.out,
    force: flags.force,
    log: (line) => process.stderr.write(`${line}\n`),
    progress: createProgress({ isTTY: Boolean(process.stderr.isTTY), write: (t) => process.stderr.write(t) }),
  });
  return 0;
}

runCli('pipeline', main);
