// `npm run test:mutation`: Stryker once per folder with that folder's tests (folderRuns.ts), all runs
// sharing the incremental file, then the score per folder (printScores.ts).
import { spawnSync } from 'node:child_process';
import { parseArgs } from 'node:util';
import config from '../../stryker.config.mjs';
import { mutatePatterns, selectRuns } from './folderRuns';
import { printScores } from './printScores';

const CONFIG_MUTATE = (config.mutate ?? []).filter((p): p is string => typeof p === 'string');

const HELP = `Usage: npm run test:mutation -- [--folder <folder>]... [--force]

Mutation-tests each folder with its own tests, one Stryker run per folder, then prints the score per
folder and exits with 1 when one is below its target.

  --folder <folder>  only this folder (repeatable), e.g. --folder pipeline/train
  --force            re-test every mutant instead of reusing results from reports/stryker-incremental.json
  --help             this text
`;

function main(): number {
  let values: { folder?: string[]; force?: boolean; help?: boolean };
  try {
    ({ values } = parseArgs({ options: { folder: { type: 'string', multiple: true }, force: { type: 'boolean' }, help: { type: 'boolean' } } }));
  } catch (error) {
    console.error(`${(error as Error).message}\n\n${HELP}`);
    return 2;
  }
  if (values.help) {
    console.log(HELP);
    return 0;
  }
  let runs;
  try {
    runs = selectRuns(values.folder ?? []);
  } catch (error) {
    console.error((error as Error).message);
    return 2;
  }
  for (const [i, run] of runs.entries()) {
    console.log(`\n[${i + 1}/${runs.length}] ${run.folder}, with ${run.tests.join(', ')}`);
    const started = Date.now();
    const args = ['stryker', 'run', '--mutate', mutatePatterns(run.folder, CONFIG_MUTATE).join(','), ...(values.force ? ['--force'] : [])];
    const result = spawnSync('npx', args, { stdio: 'inherit', env: { ...process.env, STRYKER_TESTS: run.tests.join(',') } });
    const minutes = ((Date.now() - started) / 60_000).toFixed(1);
    if (result.status !== 0) {
      console.error(`Stryker failed on ${run.folder} after ${minutes} min (exit ${result.status ?? result.signal}); the results so far are in reports/stryker-incremental.json.`);
      return 1;
    }
    console.log(`${run.folder}: ${minutes} min`);
  }
  return printScores() ? 0 : 1;
}

process.exitCode = main();
