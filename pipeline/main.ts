import { checkOutputFolder } from './artifacts/outputFolder';
import { FLAGS, helpText, parseFlags, resolveConfig } from './cli/options';
import { createProgress } from './cli/progress';
import { runCli, userOutputContext, type CliContext } from './cli/runCli';
import { runPipeline } from './run';

export const PIPELINE_INTRO =
  "Trains the article's CNN on MNIST (or your --architecture), or evaluates your own trained model (--model FILE:\n" +
  '.keras, .h5/.hdf5 or TF.js model.json) without training, and writes metrics, predictions, the model and\n' +
  'feature-map images to the artifacts folder.\n' +
  'Re-running with the same config, data and pipeline code reuses the artifacts ("fresh"); a change that only\n' +
  'affects the drawings (--samples, drawing code) redraws them from the saved model without retraining.\n\n';

/** CLI entry: the only place that reads argv and talks to the terminal. */
async function main(argv: string[], { signal }: CliContext): Promise<number> {
  const flags = resolveConfig(parseFlags(argv, FLAGS));
  if (flags.help) {
    process.stdout.write(PIPELINE_INTRO + helpText('npm run pipeline --', FLAGS));
    return 0;
  }
  // Checked before the data is loaded: a folder we may not replace stops the run at once.
  const out = checkOutputFolder('--out', flags.out, 'artifacts', userOutputContext());
  await runPipeline({
    config: flags.config,
    outDir: out,
    force: flags.force,
    log: (line) => process.stderr.write(`${line}\n`),
    progress: createProgress({ isTTY: Boolean(process.stderr.isTTY), write: (t) => process.stderr.write(t) }),
    signal,
  });
  return 0;
}

runCli('pipeline', main);
