// Shared by the training tests that need the wasm backend with the oneDNN kernels.
import { afterAll, beforeAll } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import { selectBackend, type BackendChoice } from '../../pipeline/backend/selectBackend';

/** Selects `choice` before the enclosing suite's tests and restores the backend that was current after them. */
export function withBackend(choice: BackendChoice): void {
  let previousBackend: string;
  beforeAll(async () => {
    previousBackend = tf.getBackend();
    await selectBackend(choice, () => {});
  });
  afterAll(async () => {
    if (previousBackend) await tf.setBackend(previousBackend);
  });
}
