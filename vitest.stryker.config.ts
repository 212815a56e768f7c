// Vitest settings for mutation testing (stryker.config.mjs): the unit tests only. The browser test
// builds and serves the whole site, which no single-line mutation of the mutated modules needs.
import { defineConfig, mergeConfig } from 'vitest/config';
import base from './vitest.config';

export default mergeConfig(base, defineConfig({
  test: {
    exclude: ['test/e2e/**', '**/node_modules/**'],
    // Lets tests skip model-sized inputs whose instrumented loops take minutes per mutant; smaller
    // cases of the same code paths stay in (see test/backend/wasmGradKernels.test.ts).
    env: { MUTATION_RUN: '1' },
  },
}));
