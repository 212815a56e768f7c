import * as tf from '@tensorflow/tfjs-core';
import type { Batch, TrainStepper } from '../pipeline/train/stepper';
import { isCustomGradientScope } from './kernelGroups';

export interface KernelCost {
  kernel: string;
  /** The least, over the profiled steps, of the kernel's total time in one step. */
  ms: number;
  /** Calls in one step. */
  calls: number;
}

/** One profiled step as a whole: its wall time, and how much of it was spent inside kernels. */
export interface ProfiledStep {
  wallMs: number;
  kernelMs: number;
  /** wallMs − kernelMs: tape, dispatch, tensor creation, reading results back, profiler bookkeeping. */
  outsideKernelsMs: number;
}

export interface StepProfile {
  /** Most expensive first. */
  kernels: KernelCost[];
  /** The profiled step with the least wall time. */
  step: ProfiledStep;
}

/**
 * Kernel time per kernel name in one optimizer step, most expensive first. Each kernel's time
 * is its least over `steps` profiled steps: on a shared machine other processes only ever add
 * time, so the least is the closest to the kernel's own cost. The fastest step as a whole gives
 * the time spent outside kernels.
 */
export async function profileStep(stepper: TrainStepper, batches: Batch[], steps = 7): Promise<StepProfile> {
  const samples = new Map<string, { ms: number[]; calls: number }>();
  let fastest: ProfiledStep | null = null;
  for (let s = 0; s < steps; s++) {
    let wallMs = 0;
    const info = await tf.profile(async () => {
      const start = performance.now();
      await stepper.step(batches[s % batches.length]);
      wallMs = performance.now() - start;
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
    const kernelMs = [...step].filter(([name]) => !isCustomGradientScope(name)).reduce((sum, [, k]) => sum + k.ms, 0);
    if (fastest == null || wallMs < fastest.wallMs) fastest = { wallMs, kernelMs, outsideKernelsMs: wallMs - kernelMs };
  }
  const kernels = [...samples].map(([kernel, { ms, calls }]) => ({ kernel, ms: Math.min(...ms), calls })).sort((a, b) => b.ms - a.ms);
  return { kernels, step: fastest! };
}
