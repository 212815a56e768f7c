import * as tf from '@tensorflow/tfjs-core';

/** Milliseconds spent inside registered kernels since the clock started. */
export interface KernelClock {
  elapsedMs(): number;
  /** Puts the original kernel functions back. */
  stop(): void;
}

/**
 * Times every kernel registered for `backendName` by wrapping its kernel function, so a training
 * step can be split into kernel time and everything around it (tape, dispatch, tensor creation,
 * copies) without tf.profile's per-kernel bookkeeping. Only the outermost kernel of a nested call is
 * counted: a kernel that runs another through the engine is not counted twice. The engine looks
 * kernels up on every call, so wrapping the registered configs takes effect at once.
 */
export function startKernelClock(backendName: string, now: () => number = () => performance.now()): KernelClock {
  let total = 0;
  let depth = 0;
  const originals = tf.getKernelsForBackend(backendName).map((config) => ({ config, kernelFunc: config.kernelFunc }));
  for (const { config, kernelFunc } of originals) {
    const timed: tf.KernelFunc = (params) => {
      if (depth > 0) return kernelFunc(params);
      depth++;
      const start = now();
      try {
        return kernelFunc(params);
      } finally {
        total += now() - start;
        depth--;
      }
    };
    // Markers our kernel registry keeps on a kernel function (what it replaced) stay readable.
    config.kernelFunc = Object.assign(timed, kernelFunc);
  }
  return {
    elapsedMs: () => total,
    stop() {
      for (const { config, kernelFunc } of originals) config.kernelFunc = kernelFunc;
    },
  };
}
