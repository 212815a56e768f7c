// `npm run test:mutation` runs this after Stryker: the score per folder, and exit code 1 below a target.
import { readFileSync } from 'node:fs';
import { EQUIVALENT_MUTANTS } from './equivalentMutants';
import { folderScores, formatScores } from './folderScores';

const REPORT = 'reports/mutation/mutation.json';
const rows = folderScores(JSON.parse(readFileSync(REPORT, 'utf8')), EQUIVALENT_MUTANTS);
console.log(formatScores(rows));
const below = rows.filter((r) => r.score !== null && r.score < r.target);
if (below.length > 0) {
  console.error(`${below.map((r) => r.folder).join(', ')}: below target. Open reports/mutation/mutation.html for the surviving mutants.`);
  process.exitCode = 1;
}
