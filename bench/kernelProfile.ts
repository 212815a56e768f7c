import * as tf from '@tensorflow/tfjs-core';
import type { Batch, TrainStepper } from '../pipeline/train/stepper';

export interface KernelCost {
  kernel: string;
  /** The least, over the profiled steps, of the kernel's total time in one step. */
  ms: number;
  /** Calls in one step. */
  calls: number;
}

/**
 * Kernel time per kernel name in one optimizer step, most expensive first. Each kernel's time
 * is its least over `steps` profiled steps: on a shared machine other processes only ever add
 * time, so the least is the closest to the kernel's own cost.
 */
export async function profileStep(stepper: TrainStepper, batches: Batch[], steps = 7): Promise<KernelCost[]> {
  const samples = new Map<string, { ms: number[]; calls: number }>();
  for (let s = 0; s < steps; s++) {
    const info = await tf.profile(async () => {
      await stepper.step(batches[s % batches.length]);
    });
    const step = new Map<string, { ms: number; calls: number }>();
    for (const k of info.kernels) {
      const entry = step.get(k.name) ?? { ms: 0, calls: 0 };
      // kernelTimeMs is a number on synchronous backends (wasm, cpu, tensorflow).
      entry.ms += typeof k.kernelTimeMs === 'number' ? k.kernelTimeMs : 0;
      entry.calls += 1;
      step.set(k.name, entry);
    }
    for (const [name, { ms, calls }] of step) {
      const all = samples.get(name) ?? { ms: [], calls };
      all.ms.push(ms);
      samples.set(name, all);
    }
  }
  return [...samples].map(([kernel, { ms, calls }]) => ({ kernel, ms: Math.min(...ms), calls })).sort((a, b) => b.ms - a.ms);
}
