// Snapshot files for fixture tests: read-only in a normal run. Writing one needs UPDATE_FIXTURES=1,
// and every write is reported, so a snapshot never changes without someone seeing it.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

export interface SnapshotOptions {
  /** How to regenerate, for the message when the file is missing. */
  command: string;
  update?: boolean;
  report?: (line: string) => void;
}

/** The expected text for `actual`: the file's content, after writing it only when updating. */
export function readSnapshot(file: string, actual: string, options: SnapshotOptions): string {
  const name = path.relative(process.cwd(), file);
  if (options.update) {
    const before = existsSync(file) ? readFileSync(file, 'utf8') : undefined;
    if (before !== actual) {
      writeFileSync(file, actual);
      (options.report ?? console.log)(`UPDATE_FIXTURES: ${before === undefined ? 'wrote' : 'rewrote'} ${name} (${actual.length} characters); review it with git diff`);
    }
  }
  if (!existsSync(file)) {
    throw new Error(`${name} is missing. A normal test run never writes snapshots: check the rendered output, then write it with UPDATE_FIXTURES=1 ${options.command}`);
  }
  return readFileSync(file, 'utf8');
}
