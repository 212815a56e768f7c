import type { Batch, TrainStepper } from '../pipeline/train/stepper';

export interface TrainingSpeed {
  images: number;
  batches: number;
  seconds: number;
  imagesPerSecond: number;
  msPerBatch: number;
  finalLoss: number;
  /** CPU time of the whole process (all threads, workers included) during the timed steps. */
  cpuSeconds: number;
  /** cpuSeconds / seconds: how many cores were kept busy on average. */
  coresBusy: number;
}

/**
 * Times optimizer steps after `warmupBatches` untimed ones (wasm compiles lazily, XNNPACK
 * builds its operators on first use). Cycles through `batches` so data preparation stays out
 * of the measurement. Runs whole batches: at least `images` images are timed.
 */
export async function measureTraining(
  stepper: TrainStepper,
  batches: Batch[],
  opts: {
    images: number;
    warmupBatches: number;
    now?: () => number;
    cpuSeconds?: () => number;
    /** Called after the warm-up, right before the timed steps (to reset per-step counters). */
    beforeTimed?: () => void;
  },
): Promise<TrainingSpeed> {
  const now = opts.now ?? (() => performance.now());
  const cpu = opts.cpuSeconds ?? processCpuSeconds;
  for (let i = 0; i < opts.warmupBatches; i++) await stepper.step(batches[i % batches.length]);
  const batchSize = batches[0].size;
  const count = Math.max(1, Math.ceil(opts.images / batchSize));
  opts.beforeTimed?.();
  let finalLoss = NaN;
  const start = now();
  const cpuStart = cpu();
  for (let i = 0; i < count; i++) finalLoss = (await stepper.step(batches[i % batches.length])).loss;
  const seconds = (now() - start) / 1000;
  const cpuSeconds = cpu() - cpuStart;
  const images = count * batchSize;
  return {
    images,
    batches: count,
    seconds,
    imagesPerSecond: images / seconds,
    msPerBatch: (seconds * 1000) / count,
    finalLoss,
    cpuSeconds,
    coresBusy: cpuSeconds / seconds,
  };
}

function processCpuSeconds(): number {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1e6;
}
