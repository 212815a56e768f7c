import * as tf from '@tensorflow/tfjs-core';
import type { Batch, TrainStepper } from '../pipeline/train/stepper';

export interface KernelCost {
  kernel: string;
  ms: number;
  calls: number;
}

/** Kernel time per kernel name over one optimizer step, most expensive first. */
export async function profileStep(stepper: TrainStepper, batch: Batch): Promise<KernelCost[]> {
  const info = await tf.profile(async () => {
    await stepper.step(batch);
  });
  const byName = new Map<string, KernelCost>();
  for (const k of info.kernels) {
    const entry = byName.get(k.name) ?? { kernel: k.name, ms: 0, calls: 0 };
    // kernelTimeMs is a number on synchronous backends (wasm, cpu, tensorflow).
    entry.ms += typeof k.kernelTimeMs === 'number' ? k.kernelTimeMs : 0;
    entry.calls += 1;
    byName.set(k.name, entry);
  }
  return [...byName.values()].sort((a, b) => b.ms - a.ms);
}
