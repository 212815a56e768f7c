// Which tests each mutated folder is measured with. Each folder runs with its own tests only
// (STRYKER_TESTS): with every unit test, code that another file's beforeAll reaches counts as "static"
// and each of its mutants runs the whole suite, hours per folder. A mutant only another folder's
// tests would kill then counts as survived, so each score is a lower bound.

export interface FolderRun {
  folder: string;
  /** Test-file globs, relative to the repository root. */
  tests: string[];
}

const SITE = (names: string[]) => names.map((name) => `test/site/${name}.test.ts`);

export const FOLDER_RUNS: FolderRun[] = [
  { folder: 'pipeline/data', tests: ['test/data/**/*.test.ts'] },
  { folder: 'pipeline/train', tests: ['test/train/**/*.test.ts'] },
  { folder: 'pipeline/evaluate', tests: ['test/evaluate/**/*.test.ts'] },
  { folder: 'pipeline/visualize', tests: ['test/visualize/**/*.test.ts'] },
  { folder: 'pipeline/artifacts', tests: ['test/artifacts/**/*.test.ts'] },
  { folder: 'pipeline/backend/kernels', tests: ['test/backend/wasmGradKernels.test.ts', 'test/backend/kernels/**/*.test.ts'] },
  {
    folder: 'site/lib/directives',
    tests: SITE(['directives', 'directiveErrors', 'directiveBranches', 'attributeSyntax', 'charts', 'channelDictionary', 'channelsCharts', 'embeddingMap', 'timelapse', 'attribution', 'content']),
  },
  { folder: 'site/lib/build', tests: SITE(['publish', 'integration', 'checkPages', 'securityHeaders']) },
  { folder: 'site/lib/artifacts', tests: SITE(['artifacts', 'pngSize', 'timelapse']) },
];

/**
 * Stryker's --mutate replaces the config's list, exclusions included: keep the config's exclusions
 * that fall inside the folder.
 */
export function mutatePatterns(folder: string, configMutate: readonly string[]): string[] {
  return [`${folder}/**/*.ts`, ...configMutate.filter((p) => p.startsWith(`!${folder}/`))];
}

/** The runs for the folders asked for (all when none), in FOLDER_RUNS order; unknown names throw. */
export function selectRuns(folders: readonly string[]): FolderRun[] {
  const known = FOLDER_RUNS.map((run) => run.folder);
  const wanted = folders.map((f) => f.replace(/\/$/, ''));
  const unknown = folders.filter((_, i) => !known.includes(wanted[i]));
  if (unknown.length > 0) throw new Error(`unknown --folder ${unknown.map((f) => `"${f}"`).join(', ')}. Valid folders: ${known.join(', ')}`);
  return FOLDER_RUNS.filter((run) => wanted.length === 0 || wanted.includes(run.folder));
}
