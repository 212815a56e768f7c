import { describe, expect, it } from 'vitest';
import { stepBreakdown } from '../../bench/stepBreakdown';
import type { TrainingSpeed } from '../../bench/measureTraining';
import type { StepTiming, WorkerTiming } from '../../pipeline/train/parallelStepper';

const training = (msPerBatch: number, batches: number): TrainingSpeed => ({
  images: batches * 128,
  batches,
  seconds: (msPerBatch * batches) / 1000,
  imagesPerSecond: (128 * 1000) / msPerBatch,
  msPerBatch,
  finalLoss: 1,
  cpuSeconds: 1,
  coresBusy: 1,
});

const worker = (w: Partial<WorkerTiming>): WorkerTiming => ({ steps: 4, computeMs: 0, kernelMs: 0, updateMs: 0, copyMs: 0, messageMs: 0, toWorkerMs: 0, waitMs: 0, ...w });

describe('stepBreakdown', () => {
  it('turns sums over the timed steps into means per step whose parts add up to the wall time per batch', () => {
    const timing: StepTiming = {
      steps: 4,
      stepMs: 4 * 48,
      splitMs: 4 * 1,
      averageMs: 4 * 2,
      workers: [
        worker({ computeMs: 4 * 40, kernelMs: 4 * 30, updateMs: 4 * 2, copyMs: 4 * 1, messageMs: 4 * 1, toWorkerMs: 4 * 0.25, waitMs: 4 * 3 }),
        worker({ computeMs: 4 * 43, kernelMs: 4 * 31, updateMs: 4 * 2, copyMs: 4 * 1, messageMs: 4 * 1, waitMs: 0 }),
      ],
    };
    const b = stepBreakdown(timing, training(50, 4))!;
    expect(b.steps).toBe(4);
    expect(b.workers[0]).toEqual({ computeMs: 40, kernelMs: 30, outsideKernelsMs: 10, updateMs: 2, copyMs: 1, messageMs: 1, toWorkerMs: 0.25, waitMs: 3, outsideComputeMs: 10 });
    expect(b.main).toEqual({ stepMs: 48, splitMs: 1, averageMs: 2, otherMs: 1 });
    expect(b.betweenStepsMs).toBe(2);
    for (const w of b.workers) {
      const parts = w.computeMs + w.messageMs + w.waitMs + b.main.splitMs + b.main.averageMs + b.main.otherMs + b.betweenStepsMs;
      expect(parts).toBeCloseTo(b.msPerBatch, 9); // both round trips (compute + messages + wait) are 44 here
    }
  });

  it('leaves out workers that never had a shard, and gives nothing before the first timed step', () => {
    const timing: StepTiming = { steps: 2, stepMs: 20, splitMs: 0, averageMs: 0, workers: [worker({ steps: 2, computeMs: 16, kernelMs: 8 }), worker({ steps: 0 })] };
    expect(stepBreakdown(timing, training(10, 2))!.workers).toHaveLength(1);
    expect(stepBreakdown({ ...timing, steps: 0 }, training(10, 2))).toBeNull();
  });
});
