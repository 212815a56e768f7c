import { homedir } from 'node:os';
import { fileURLToPath } from 'node:url';
import { UsageError } from './options';
import { Interrupted, watchStopSignals } from './stopSignals';
import { ArtifactsNotReadyError } from '../artifacts/cache';
import { OutputFolderError, type OutputContext } from '../artifacts/outputFolder';
import { ArtifactsLockedError } from '../artifacts/ownerLock';
import { ManifestRejectedError } from '../artifacts/manifestSchema';
import { DataError } from '../data/dataError';
import { DegenerateRunError } from '../evaluate/degenerate';
import { ModelDataMismatchError } from '../model/chooseModel';
import { ModelShapeError } from '../model/description';
import { ModelFileError } from '../model/import/modelFileError';

export interface CliContext {
  /** Aborted by SIGINT/SIGTERM or the parent exiting; its reason is an Interrupted. */
  signal: AbortSignal;
}

/** Where the user's `--out`/`--dist` are resolved, and what they may never replace (besides `/` and ancestors). */
export function userOutputContext(): OutputContext {
  return { cwd: process.cwd(), home: homedir(), protect: [fileURLToPath(new URL('../..', import.meta.url))] };
}

/** How long a stopped run may take to clean up before the process exits anyway (the next run sweeps what is left). */
const STOP_GRACE_MS = 15_000;

/** An error with a message of its own for the user: no stack trace, no "left as they were" note. */
export class ExpectedError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'ExpectedError';
  }
}

const isExpected = (e: unknown) =>
  e instanceof UsageError || e instanceof DataError || e instanceof ArtifactsNotReadyError || e instanceof ArtifactsLockedError || e instanceof OutputFolderError || e instanceof ExpectedError
  || e instanceof DegenerateRunError || e instanceof ManifestRejectedError || e instanceof ModelDataMismatchError || e instanceof ModelShapeError || e instanceof ModelFileError;

/** Runs a CLI entry: exit code from `main`, and a readable message instead of a bare stack trace. */
export function runCli(name: string, main: (argv: string[], context: CliContext) => Promise<number>, { writesArtifacts = true } = {}): void {
  const say = (text: string) => process.stderr.write(text);
  const stop = watchStopSignals(process, {
    onRepeat: (reason) => {
      say(`\n${name}: second ${reason.signal}, exiting now; temporary folders left behind are removed by the next run.\n`);
      process.exit(reason.exitCode);
    },
  });
  stop.signal.addEventListener('abort', () => {
    const reason = stop.signal.reason as Interrupted;
    say(`\n${name}: ${reason.why} received, stopping…\n`);
    setTimeout(() => {
      say(`${name}: did not stop within ${STOP_GRACE_MS / 1000} s, exiting; temporary folders left behind are removed by the next run.\n`);
      process.exit(reason.exitCode);
    }, STOP_GRACE_MS).unref();
  });
  main(process.argv.slice(2), { signal: stop.signal }).then(
    (code) => process.exit(code),
    (e: unknown) => {
      // Whatever a stopped run threw on its way out, the stop is what the user needs to hear about.
      const stopped = e instanceof Interrupted ? e : stop.signal.aborted ? (stop.signal.reason as Interrupted) : null;
      if (stopped) {
        say(`${name} ${stopped.message}.\n`);
        process.exit(stopped.exitCode);
      }
      const message = e instanceof Error ? e.message : String(e);
      say(`\n${name} failed: ${message}\n`);
      if (!isExpected(e)) {
        if (writesArtifacts) say('Existing artifacts were left as they were.\n');
        if (e instanceof Error && e.stack) say(process.env.DEBUG ? `${e.stack}\n` : 'Set DEBUG=1 for the stack trace.\n');
      } else if (process.env.DEBUG && e instanceof Error && e.cause instanceof Error && e.cause.stack) {
        say(`${e.cause.stack}\n`);
      }
      process.exit(1);
    },
  );
}
