// Mutation score per folder from Stryker's JSON report, against the targets of issue #14.
// Equivalent mutants (no observable difference; see equivalentMutants.ts) are left out of the score.
import type { EquivalentMutant } from './equivalentMutants';

export interface ReportMutant {
  mutatorName: string;
  replacement?: string;
  status: string;
  location: { start: { line: number; column: number } };
}
export type MutationReport = { files: Record<string, { mutants: ReportMutant[] }> };

export const FOLDER_TARGETS: [folder: string, target: number][] = [
  ['pipeline/data', 80], ['pipeline/train', 90], ['pipeline/evaluate', 80], ['pipeline/visualize', 90],
  ['pipeline/artifacts', 80], ['pipeline/backend/kernels', 90],
  ['site/lib/directives', 80], ['site/lib/build', 80], ['site/lib/artifacts', 80],
];
export const OVERALL_TARGET = 80;

export interface FolderScore {
  folder: string;
  target: number;
  killed: number; // killed or timed out
  survived: number; // survived or not covered by any test
  equivalent: number;
  score: number | null; // percent; null when the folder had no valid mutants
}

const DETECTED = new Set(['Killed', 'Timeout']);
const UNDETECTED = new Set(['Survived', 'NoCoverage']);

export function isEquivalent(file: string, m: ReportMutant, list: readonly EquivalentMutant[]): boolean {
  return list.some((e) => e.file === file && e.line === m.location.start.line && (e.column ?? m.location.start.column) === m.location.start.column && e.mutator === m.mutatorName && e.replacement === m.replacement);
}

function score(folder: string, target: number, entries: [string, ReportMutant][], equivalent: readonly EquivalentMutant[]): FolderScore {
  let killed = 0;
  let survived = 0;
  let eq = 0;
  for (const [file, m] of entries) {
    if (DETECTED.has(m.status)) killed++;
    else if (UNDETECTED.has(m.status)) {
      if (isEquivalent(file, m, equivalent)) eq++;
      else survived++;
    }
  }
  const valid = killed + survived;
  return { folder, target, killed, survived, equivalent: eq, score: valid === 0 ? null : (100 * killed) / valid };
}

/** One row per target folder, then "all" over every file in those folders. */
export function folderScores(report: MutationReport, equivalent: readonly EquivalentMutant[] = []): FolderScore[] {
  const entries = Object.entries(report.files).flatMap(([file, { mutants }]) => mutants.map((m) => [file, m] as [string, ReportMutant]));
  const inFolder = (folder: string) => entries.filter(([file]) => file.startsWith(`${folder}/`));
  const rows = FOLDER_TARGETS.map(([folder, target]) => score(folder, target, inFolder(folder), equivalent));
  const all = entries.filter(([file]) => FOLDER_TARGETS.some(([folder]) => file.startsWith(`${folder}/`)));
  return [...rows, score('all of the above', OVERALL_TARGET, all, equivalent)];
}

export function formatScores(rows: FolderScore[]): string {
  const lines = rows.map((r) => {
    const shown = r.score === null ? '   n/a' : `${r.score.toFixed(1).padStart(5)}%`;
    const verdict = r.score === null ? 'not run' : r.score >= r.target ? 'ok' : `BELOW ${r.target}%`;
    return `${r.folder.padEnd(26)} ${shown}  target ${r.target}%  killed ${r.killed}, survived ${r.survived}, equivalent ${r.equivalent}  ${verdict}`;
  });
  return ['Mutation score per folder (killed / (killed + survived), equivalent mutants left out):', ...lines].join('\n');
}
