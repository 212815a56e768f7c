import * as tf from '@tensorflow/tfjs-core';
import type { Batch, TrainStepper } from '../pipeline/train/stepper';

export interface KernelCost {
  kernel: string;
  /** Median over the profiled steps of the kernel's total time in one step. */
  ms: number;
  /** Calls in one step. */
  calls: number;
}

/**
 * Kernel time per kernel name in one optimizer step, most expensive first. Each kernel's time
 * is the median over `steps` profiled steps, which keeps one step disturbed by another process
 * (the machine is shared) from deciding the table.
 */
export async function profileStep(stepper: TrainStepper, batches: Batch[], steps = 5): Promise<KernelCost[]> {
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
  return [...samples].map(([kernel, { ms, calls }]) => ({ kernel, ms: median(ms), calls })).sort((a, b) => b.ms - a.ms);
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}
