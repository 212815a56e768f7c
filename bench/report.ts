import { kernelSetOf } from '../pipeline/backend/selectBackend';
import type { BackendInfo } from '../pipeline/artifacts/types';
import type { KernelGroup } from './kernelGroups';
import type { KernelCost, ProfiledStep } from './kernelProfile';
import type { StepBreakdown } from './stepBreakdown';
import type { TrainingSpeed } from './measureTraining';
import type { TorchOutcome } from './torchPeer';

/** One kernel set timed: the backend as started, its training speed and its costliest kernels. */
export interface BenchRun {
  backend: BackendInfo;
  workers: number;
  /** Milliseconds each worker computed during the last timed step (parallel runs only). */
  workerComputeMs?: number[];
  training: TrainingSpeed;
  /** Most expensive kernels of one batch run in the main thread (one thread). */
  topKernels: KernelCost[];
  /** All kernels of that batch by kind (convolutions, pooling, dense, elementwise). */
  kernelGroups: KernelGroup[];
  /** The fastest profiled one-thread step: wall time, kernel sum, and the time outside kernels. */
  profiledStep: ProfiledStep;
  /** Where the timed steps' time went, means over all timed steps (parallel runs only). */
  stepBreakdown?: StepBreakdown;
}

export interface BenchReport {
  /** The requested backend first; with the oneDNN kernels, plain wasm second (same run, same batches). */
  runs: BenchRun[];
  batchSize: number;
  memory: { peakRssMB: number; tfBytesMB: number; tfTensors: number };
  /** 1-minute load averages before and after: other processes competing for the cores skew results. */
  loadAverageBefore: number;
  loadAverageAfter: number;
  cpus: number;
  peer?: TorchOutcome;
}

/** Our images/s and images per CPU-second, each divided by the peer's. */
export function peerRatios(run: BenchRun, peer: TorchOutcome | undefined): { wall: number; cpu: number } | null {
  if (!peer?.ok) return null;
  const t = run.training;
  return { wall: t.imagesPerSecond / peer.imagesPerSecond, cpu: t.images / t.cpuSeconds / (peer.images / peer.cpuSeconds) };
}

export function kernelSetLabel(backend: BackendInfo): string {
  const o = backend.onednn;
  return o ? `${kernelSetOf(backend)} (oneDNN ${o.version}, ${o.threading}, ${o.threads} thread per worker: ${o.kernels.join(', ')})` : kernelSetOf(backend);
}

function formatRun(r: BenchRun, report: BenchReport): string[] {
  const ratios = peerRatios(r, report.peer);
  return [
    `kernels      ${kernelSetLabel(r.backend)}`,
    `backend      ${r.backend.description}`,
    `training     ${r.workers === 1 ? 'main thread' : `${r.workers} data-parallel workers`}, batch ${report.batchSize}, Adam`,
    `speed        ${r.training.imagesPerSecond.toFixed(0)} images/s, ${r.training.msPerBatch.toFixed(1)} ms per batch ` +
      `(${r.training.images} images in ${r.training.seconds.toFixed(2)} s)`,
    `cpu          ${r.training.cpuSeconds.toFixed(2)} CPU-s, ${r.training.coresBusy.toFixed(2)} cores busy on average; ` +
      `${(r.training.images / r.training.cpuSeconds).toFixed(0)} images per CPU-second`,
    ...(r.workerComputeMs
      ? [`workers      last step computed in ${r.workerComputeMs.map((ms) => `${ms.toFixed(1)} ms`).join(', ')} (ms per batch minus this = exchange and waiting)`]
      : []),
    ...(r.stepBreakdown ? formatBreakdown(r.stepBreakdown) : []),
    ...(ratios ? [`ratio        ${ratios.wall.toFixed(2)}× the PyTorch peer's images/s; ${ratios.cpu.toFixed(2)}× its images per CPU-second`] : []),
    `top kernels  (one batch of ${report.batchSize} in the main thread, one thread; least of 7 steps)`,
    ...r.topKernels.map((k) => `  ${k.kernel.padEnd(24)} ${k.ms.toFixed(1).padStart(8)} ms  ${String(k.calls).padStart(4)} calls`),
    `kernel kinds (all kernels of that batch, least per kernel; share of the kernel sum)`,
    ...r.kernelGroups.map((g) => `  ${g.group.padEnd(24)} ${g.ms.toFixed(1).padStart(8)} ms  ${String(g.calls).padStart(4)} calls  ${percent(g.share).padStart(4)}`),
    `  ${'kernel sum'.padEnd(24)} ${r.kernelGroups.reduce((s, g) => s + g.ms, 0).toFixed(1).padStart(8)} ms`,
    `outside      one-thread step ${r.profiledStep.wallMs.toFixed(1)} ms wall − ${r.profiledStep.kernelMs.toFixed(1)} ms in kernels = ` +
      `${r.profiledStep.outsideKernelsMs.toFixed(1)} ms (${percent(r.profiledStep.outsideKernelsMs / r.profiledStep.wallMs)}) outside kernels (fastest profiled step)`,
  ];
}

const percent = (share: number) => `${(share * 100).toFixed(0)} %`;

/** Step parts: what the workers computed (in and outside kernels) and what the step spent outside their compute. */
function formatBreakdown(b: StepBreakdown): string[] {
  const ms = (v: number) => v.toFixed(1);
  const idle = b.workers.reduce((s, w) => s + w.outsideComputeMs, 0) / Math.max(b.workers.length, 1);
  return [
    `step parts   means over the ${b.steps} timed steps of ${ms(b.msPerBatch)} ms; ${ms(idle)} ms (${percent(idle / b.msPerBatch)}) per worker outside its compute`,
    ...b.workers.map(
      (w, i) =>
        `  worker ${i}     computed ${ms(w.computeMs)} = kernels ${ms(w.kernelMs)} + outside kernels ${ms(w.outsideKernelsMs)} ` +
        `(update ${ms(w.updateMs)}, copy-out ${ms(w.copyMs)}, the rest (tape, dispatch, tensors, masks) ${ms(w.outsideKernelsMs - w.updateMs - w.copyMs)}); ` +
        `outside compute ${ms(w.outsideComputeMs)}: messages ${ms(w.messageMs)} (to it ${ms(w.toWorkerMs)}, back ${ms(w.messageMs - w.toWorkerMs)}), waiting for the slower worker ${ms(w.waitMs)}`,
    ),
    `  main thread  split ${ms(b.main.splitMs)}, average ${ms(b.main.averageMs)}, other ${ms(b.main.otherMs)} (posting, promises) in step(); ` +
      `${ms(b.betweenStepsMs)} between steps`,
  ];
}

export function formatReport(r: BenchReport): string {
  const lines = r.runs.flatMap((run, i) => [...(i > 0 ? [''] : []), ...formatRun(run, r)]);
  if (r.runs.length === 2) {
    const [a, b] = r.runs.map((run) => run.training);
    lines.push('', `speed-up     ${(a.imagesPerSecond / b.imagesPerSecond).toFixed(2)}× images/s, ` +
      `${(a.images / a.cpuSeconds / (b.images / b.cpuSeconds)).toFixed(2)}× images per CPU-second with the oneDNN kernels`);
  }
  if (r.peer) {
    lines.push(
      r.peer.ok
        ? `torch peer   ${r.peer.imagesPerSecond.toFixed(0)} images/s, ${r.peer.msPerBatch.toFixed(1)} ms per batch, ` +
            `${(r.peer.images / r.peer.cpuSeconds).toFixed(0)} images per CPU-second (PyTorch ${r.peer.version}, ${r.peer.threads} threads, ${r.peer.python})`
        : `torch peer   not run: ${r.peer.reason}`,
    );
  }
  lines.push(
    `machine      ${r.cpus} CPUs, load average ${r.loadAverageBefore.toFixed(2)} before the run, ${r.loadAverageAfter.toFixed(2)} after`,
    `memory       peak RSS ${r.memory.peakRssMB.toFixed(0)} MB (process, workers included); ` +
      `tf.memory ${r.memory.tfBytesMB.toFixed(1)} MB in ${r.memory.tfTensors} tensors (main thread)`,
  );
  return lines.join('\n');
}
