import type { BackendInfo } from '../pipeline/artifacts/types';
import type { KernelCost } from './kernelProfile';
import type { TrainingSpeed } from './measureTraining';
import type { TorchOutcome } from './torchPeer';

export interface BenchReport {
  backend: BackendInfo;
  workers: number;
  /** Milliseconds each worker computed during the last timed step (parallel runs only). */
  workerComputeMs?: number[];
  batchSize: number;
  training: TrainingSpeed;
  /** Five most expensive kernels of one batch run in the main thread. */
  topKernels: KernelCost[];
  memory: { peakRssMB: number; tfBytesMB: number; tfTensors: number };
  /** 1-minute load average before the run: other processes competing for the cores skew results. */
  loadAverageBefore: number;
  cpus: number;
  peer?: TorchOutcome;
  /** Our images/s divided by the peer's (wall clock, same run). */
  peerRatio?: number;
  /** Our images per CPU-second divided by the peer's: fairer when other processes compete for the cores. */
  peerCpuRatio?: number;
}

export function formatReport(r: BenchReport): string {
  const lines = [
    `backend      ${r.backend.description}`,
    `training     ${r.workers === 1 ? 'main thread' : `${r.workers} data-parallel workers`}, batch ${r.batchSize}, Adam`,
    `speed        ${r.training.imagesPerSecond.toFixed(0)} images/s, ${r.training.msPerBatch.toFixed(1)} ms per batch ` +
      `(${r.training.images} images in ${r.training.seconds.toFixed(2)} s)`,
    `cpu          ${r.training.cpuSeconds.toFixed(2)} CPU-s, ${r.training.coresBusy.toFixed(2)} cores busy on average; ` +
      `${(r.training.images / r.training.cpuSeconds).toFixed(0)} images per CPU-second`,
    ...(r.workerComputeMs
      ? [`workers      last step computed in ${r.workerComputeMs.map((ms) => `${ms.toFixed(1)} ms`).join(', ')} (ms per batch minus this = exchange and waiting)`]
      : []),
    `machine      ${r.cpus} CPUs, load average ${r.loadAverageBefore.toFixed(2)} before the run`,
    `memory       peak RSS ${r.memory.peakRssMB.toFixed(0)} MB (process, workers included); ` +
      `tf.memory ${r.memory.tfBytesMB.toFixed(1)} MB in ${r.memory.tfTensors} tensors (main thread)`,
    `top kernels  (one batch of ${r.batchSize} in the main thread)`,
    ...r.topKernels.map((k) => `  ${k.kernel.padEnd(24)} ${k.ms.toFixed(1).padStart(8)} ms  ${String(k.calls).padStart(4)} calls`),
  ];
  if (r.peer) {
    lines.push(
      r.peer.ok
        ? `torch peer   ${r.peer.imagesPerSecond.toFixed(0)} images/s, ${r.peer.msPerBatch.toFixed(1)} ms per batch, ` +
            `${(r.peer.images / r.peer.cpuSeconds).toFixed(0)} images per CPU-second (PyTorch ${r.peer.version}, ${r.peer.threads} threads, ${r.peer.python})`
        : `torch peer   not run: ${r.peer.reason}`,
    );
    if (r.peerRatio !== undefined && r.peerCpuRatio !== undefined) {
      lines.push(`ratio        ${r.peerRatio.toFixed(2)}× the PyTorch peer's images/s; ${r.peerCpuRatio.toFixed(2)}× its images per CPU-second`);
    }
  }
  return lines.join('\n');
}
