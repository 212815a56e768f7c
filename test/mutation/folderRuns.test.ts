import { existsSync, readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import config from '../../stryker.config.mjs';
import { FOLDER_RUNS, mutatePatterns, selectRuns } from './folderRuns';
import { FOLDER_TARGETS } from './folderScores';

/** The test files one of our globs names: an exact file, or every .test.ts under a folder (Node 20 has no fs.glob). */
function filesOf(glob: string): string[] {
  const deep = /^(.*)\/\*\*\/\*\.test\.ts$/.exec(glob);
  if (!deep) return existsSync(glob) ? [glob] : [];
  if (!existsSync(deep[1])) return [];
  return readdirSync(deep[1], { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.test.ts'));
}

describe('folder runs', () => {
  it('measures every target folder, each with test globs that match test files', () => {
    expect(FOLDER_RUNS.map((r) => r.folder)).toEqual(FOLDER_TARGETS.map(([folder]) => folder));
    for (const run of FOLDER_RUNS) {
      for (const glob of run.tests) expect(filesOf(glob), `${run.folder}: ${glob}`).not.toEqual([]);
    }
  });

  it('keeps the config\'s exclusions inside the folder and drops the others', () => {
    expect(mutatePatterns('pipeline/train', ['pipeline/**/*.ts', '!pipeline/train/parallelWorker.ts', '!site/lib/x.ts']))
      .toEqual(['pipeline/train/**/*.ts', '!pipeline/train/parallelWorker.ts']);
    expect(mutatePatterns('pipeline/train', config.mutate as string[])).toContain('!pipeline/train/parallelWorker.ts');
  });

  it('selects the named folders (a trailing slash allowed), all by default, and names the valid ones for an unknown name', () => {
    expect(selectRuns([]).length).toBe(FOLDER_RUNS.length);
    expect(selectRuns(['site/lib/build/', 'pipeline/data']).map((r) => r.folder)).toEqual(['pipeline/data', 'site/lib/build']);
    expect(() => selectRuns(['pipeline/trian'])).toThrow('unknown --folder "pipeline/trian". Valid folders: pipeline/data, pipeline/train,');
  });
});
