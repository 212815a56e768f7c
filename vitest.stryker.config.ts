// Vitest settings for mutation testing (stryker.config.mjs): the unit tests only. The browser test
// builds and serves the whole site, which no single-line mutation of the mutated modules needs.
import { defineConfig, mergeConfig } from 'vitest/config';
import base from './vitest.config';

// STRYKER_TESTS=<glob>[,<glob>] runs only those test files (e.g. a folder's own tests). Without it, a
// mutant in code that some other file's beforeAll reaches (the kernels, during training) counts as
// "static" and is tested against every unit test: hours for one folder. Scores are then a lower
// bound: a mutant only another folder's tests would kill counts as survived.
const only = process.env.STRYKER_TESTS?.split(',').filter(Boolean);

const config = mergeConfig(base, defineConfig({
  // Stryker's sandbox links node_modules from outside its root; without this, Vite resolves deep
  // imports (tfjs-core/dist/register_all_gradients) through the link, refuses them, and the test
  // file silently contributes no tests.
  resolve: { preserveSymlinks: true },
  test: {
    exclude: ['test/e2e/**', '**/node_modules/**'],
    // Lets tests skip model-sized inputs whose instrumented loops take minutes per mutant; smaller
    // cases of the same code paths stay in (see test/backend/wasmGradKernels.test.ts).
    env: { MUTATION_RUN: '1' },
  },
}));
if (only) config.test!.projects = [{ extends: true, test: { name: 'installed', include: only } }];

export default config;
