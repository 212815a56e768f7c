// A test double for @tensorflow/tfjs-node, registered under that name by the `native-standin` vitest
// project (vitest.config.ts). Like the real binding, importing it registers a backend named
// "tensorflow" with priority 3 and makes it current; here that backend runs TF.js's cpu kernels,
// so every code path a native user takes runs, but none of libtensorflow's kernels.
import * as tf from '@tensorflow/tfjs-core';
import { MathBackendCPU } from '@tensorflow/tfjs-backend-cpu';
import { STANDIN_VERSION } from './nativeStandinVersion';

for (const kernel of tf.getKernelsForBackend('cpu')) tf.registerKernel({ ...kernel, backendName: 'tensorflow' });
tf.registerBackend('tensorflow', () => new MathBackendCPU(), 3);
void tf.setBackend('tensorflow');

export const version = { 'tfjs-core': tf.version_core, 'tfjs-node': STANDIN_VERSION };
