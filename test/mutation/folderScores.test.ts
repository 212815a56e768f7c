import { describe, expect, it } from 'vitest';
import { folderScores, formatScores, type ReportMutant } from './folderScores';

const mutant = (status: string, line = 1, mutatorName = 'EqualityOperator', replacement = '<=', column = 1): ReportMutant =>
  ({ status, mutatorName, replacement, location: { start: { line, column } } });

const report = {
  files: {
    'pipeline/train/callbacks.ts': { mutants: [mutant('Killed'), mutant('Timeout'), mutant('Survived', 7), mutant('NoCoverage', 9)] },
    'pipeline/train/random.ts': { mutants: [mutant('Killed'), mutant('Ignored'), mutant('CompileError'), mutant('Survived', 3, 'BlockStatement', '{}')] },
    'pipeline/trainer.ts': { mutants: [mutant('Survived')] }, // not under pipeline/train/
    'site/lib/build/siteOptions.ts': { mutants: [mutant('Killed')] },
  },
};

describe('folderScores', () => {
  it('scores killed and timed-out against surviving and uncovered mutants per folder, ignoring the rest', () => {
    const rows = folderScores(report);
    expect(rows.find((r) => r.folder === 'pipeline/train')).toEqual({ folder: 'pipeline/train', target: 90, killed: 3, survived: 3, equivalent: 0, score: 50 });
    expect(rows.find((r) => r.folder === 'site/lib/build')?.score).toBe(100);
    expect(rows.find((r) => r.folder === 'pipeline/data')?.score).toBeNull();
    expect(rows.at(-1)).toMatchObject({ folder: 'all of the above', target: 80, killed: 4, survived: 3 });
  });

  it('leaves listed equivalent mutants out, matching file, line, mutator and replacement', () => {
    const equivalent = [
      { file: 'pipeline/train/random.ts', line: 3, mutator: 'BlockStatement', replacement: '{}', reason: 'r' },
      { file: 'pipeline/train/callbacks.ts', line: 7, mutator: 'EqualityOperator', replacement: '>=', reason: 'other replacement' },
    ];
    const train = folderScores(report, equivalent).find((r) => r.folder === 'pipeline/train')!;
    expect(train).toMatchObject({ killed: 3, survived: 2, equivalent: 1, score: 60 });
  });

  it('matches the column too when an entry gives one, for lines with several mutants alike', () => {
    const twoAlike = { files: { 'pipeline/data/loadMnist.ts': { mutants: [mutant('Survived', 63, 'ConditionalExpression', 'true', 7), mutant('Survived', 63, 'ConditionalExpression', 'true', 22)] } } };
    const equivalent = [{ file: 'pipeline/data/loadMnist.ts', line: 63, column: 7, mutator: 'ConditionalExpression', replacement: 'true', reason: 'r' }];
    expect(folderScores(twoAlike, equivalent).find((r) => r.folder === 'pipeline/data')).toMatchObject({ survived: 1, equivalent: 1 });
  });

  it('prints one line per folder with its target and whether it is met', () => {
    const text = formatScores(folderScores(report));
    expect(text).toContain('pipeline/train              50.0%  target 90%  killed 3, survived 3, equivalent 0  BELOW 90%');
    expect(text).toContain('site/lib/build             100.0%  target 80%');
    expect(text).toMatch(/pipeline\/data +n\/a {2}target 80% .* not run/);
  });
});
