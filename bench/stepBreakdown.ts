import type { StepTiming } from '../pipeline/train/parallelStepper';
import type { TrainingSpeed } from './measureTraining';

/** One worker's part of a timed step, mean ms per step. computeMs = kernelMs + outsideKernelsMs. */
export interface WorkerPart {
  computeMs: number;
  kernelMs: number;
  /** computeMs − kernelMs; of it: updateMs, copyMs and the rest (tape, dispatch, tensor creation, dropout masks: drawn natively with the addon, in JS without). */
  outsideKernelsMs: number;
  updateMs: number;
  copyMs: number;
  messageMs: number;
  /** Of messageMs: posting the shard until the worker starts on it (the rest: its reply until the main thread has it). */
  toWorkerMs: number;
  waitMs: number;
  /** msPerBatch − computeMs: this worker's idle share of the step. */
  outsideComputeMs: number;
}

/**
 * Where a parallel step's wall time goes, as means over the timed steps. For each worker,
 * msPerBatch = computeMs + messageMs + waitMs + main.splitMs + main.averageMs + main.otherMs + betweenStepsMs,
 * where main.otherMs (posting, promise resolution) is the remainder, the same for all workers on average.
 */
export interface StepBreakdown {
  steps: number;
  msPerBatch: number;
  /** Main thread inside step(). */
  main: { stepMs: number; splitMs: number; averageMs: number; otherMs: number };
  /** msPerBatch − main.stepMs: the timing loop between steps. */
  betweenStepsMs: number;
  workers: WorkerPart[];
}

export function stepBreakdown(timing: StepTiming, training: TrainingSpeed): StepBreakdown | null {
  if (timing.steps === 0) return null;
  const per = (ms: number, steps = timing.steps) => ms / Math.max(steps, 1);
  const workers = timing.workers
    .filter((w) => w.steps > 0)
    .map((w): WorkerPart => {
      const computeMs = per(w.computeMs, w.steps);
      const kernelMs = per(w.kernelMs, w.steps);
      return {
        computeMs,
        kernelMs,
        outsideKernelsMs: computeMs - kernelMs,
        updateMs: per(w.updateMs, w.steps),
        copyMs: per(w.copyMs, w.steps),
        messageMs: per(w.messageMs, w.steps),
        toWorkerMs: per(w.toWorkerMs, w.steps),
        waitMs: per(w.waitMs, w.steps),
        outsideComputeMs: training.msPerBatch - computeMs,
      };
    });
  const stepMs = per(timing.stepMs);
  const splitMs = per(timing.splitMs);
  const averageMs = per(timing.averageMs);
  const roundTrips = workers.reduce((s, w) => s + w.computeMs + w.messageMs + w.waitMs, 0) / Math.max(workers.length, 1);
  return {
    steps: timing.steps,
    msPerBatch: training.msPerBatch,
    main: { stepMs, splitMs, averageMs, otherMs: stepMs - splitMs - averageMs - roundTrips },
    betweenStepsMs: training.msPerBatch - stepMs,
    workers,
  };
}
