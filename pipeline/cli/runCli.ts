import { UsageError } from './options';
import { ArtifactsNotReadyError } from '../artifacts/cache';
import { ArtifactsLockedError } from '../artifacts/ownerLock';
import { ManifestRejectedError } from '../artifacts/manifestSchema';
import { IdxError } from '../data/idx';
import { DegenerateRunError } from '../evaluate/degenerate';

/** Runs a CLI entry: exit code from `main`, and a readable message instead of a bare stack trace. */
export function runCli(name: string, main: (argv: string[]) => Promise<number>, { writesArtifacts = true } = {}): void {
  main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (e: unknown) => {
      const message = e instanceof Error ? e.message : String(e);
      const expected = e instanceof UsageError || e instanceof IdxError || e instanceof ArtifactsNotReadyError || e instanceof ArtifactsLockedError
        || e instanceof DegenerateRunError || e instanceof ManifestRejectedError;
      process.stderr.write(`\n${name} failed: ${message}\n`);
      if (!expected) {
        if (writesArtifacts) process.stderr.write('Existing artifacts were left as they were.\n');
        if (e instanceof Error && e.stack) process.stderr.write(process.env.DEBUG ? `${e.stack}\n` : 'Set DEBUG=1 for the stack trace.\n');
      }
      process.exit(1);
    },
  );
}
