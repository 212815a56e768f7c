import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

/** Tests whose outcome depends on whether the optional native binding loads. */
const BACKEND_DEPENDENT = ['test/backend/selectBackend.test.ts', 'test/pipeline/autoBackend.test.ts'];

export default defineConfig({
  test: {
    // TensorFlow work is CPU-bound on a 2-core machine: run files one or two at a time.
    pool: 'forks',
    maxWorkers: 2,
    testTimeout: 120_000,
    hookTimeout: 600_000,
    // One shared fake artifacts folder per run for the site tests that only read it.
    globalSetup: ['test/site/fakeArtifactsRoot.ts'],
    projects: [
      // Everything, with whatever optional packages are installed (on most machines @tensorflow/tfjs-node is not).
      { extends: true, test: { name: 'installed', include: ['test/**/*.test.ts'] } },
      // The backend-dependent tests again, with a stand-in resolved as @tensorflow/tfjs-node: the native user's path.
      {
        extends: true,
        test: { name: 'native-standin', include: BACKEND_DEPENDENT, env: { TFJS_NODE_STANDIN: '1' } },
        resolve: { alias: { '@tensorflow/tfjs-node': fileURLToPath(new URL('./test/backend/nativeStandin.ts', import.meta.url)) } },
      },
    ],
  },
});
