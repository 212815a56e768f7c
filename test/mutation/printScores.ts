// The last step of `npm run test:mutation` (runFolders.ts): the score per folder from Stryker's JSON report.
import { readFileSync } from 'node:fs';
import { EQUIVALENT_MUTANTS } from './equivalentMutants';
import { folderScores, formatScores } from './folderScores';

const REPORT = 'reports/mutation/mutation.json';

/** Prints the table; false (and says which) when a folder is below its target. */
export function printScores(): boolean {
  const rows = folderScores(JSON.parse(readFileSync(REPORT, 'utf8')), EQUIVALENT_MUTANTS);
  console.log(formatScores(rows));
  const below = rows.filter((r) => r.score !== null && r.score < r.target);
  if (below.length > 0) {
    console.error(`${below.map((r) => r.folder).join(', ')}: below target. Open reports/mutation/mutation.html for the surviving mutants.`);
  }
  return below.length === 0;
}
