// Mutation testing: `npm run test:mutation` runs Stryker with this config once per folder, each with its
// own tests and --mutate set to that folder (test/mutation/runFolders.ts). See docs/testing.md, "Mutation testing".
/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  testRunner: 'vitest',
  // related: false: Vitest's related-file lookup misses most tests here; run them all once, then per test.
  vitest: { configFile: 'vitest.stryker.config.ts', related: false },
  plugins: ['@stryker-mutator/vitest-runner'],
  mutate: [
    'pipeline/{data,train,evaluate,visualize,artifacts,backend/kernels}/**/*.ts',
    'site/lib/{directives,build,artifacts}/**/*.ts',
    // Runs only inside worker threads, where Stryker can neither see coverage nor switch a mutant on:
    // every mutant there would count as "no coverage". The parallel-vs-local stepper tests cover it.
    '!pipeline/train/parallelWorker.ts',
  ],
  // perTest: each mutant runs only the tests that reach it.
  coverageAnalysis: 'perTest',
  // Re-runs mutate only what changed since the last run (source or tests); the file is a local cache.
  incremental: true,
  incrementalFile: 'reports/stryker-incremental.json',
  // The machine has 2 cores shared with others; each runner loads TensorFlow.js.
  concurrency: 2,
  timeoutMS: 20000,
  reporters: ['clear-text', 'progress', 'html', 'json'],
  htmlReporter: { fileName: 'reports/mutation/mutation.html' },
  jsonReporter: { fileName: 'reports/mutation/mutation.json' },
  thresholds: { high: 90, low: 80, break: null },
  tempDirName: '.stryker-tmp',
  // Leading slash: only the top-level folders (a bare 'artifacts' would also drop test/artifacts).
  ignorePatterns: ['/dist', '/artifacts', '/reports', '/test-output', '/.astro', '/bench', '/docs'],
};
