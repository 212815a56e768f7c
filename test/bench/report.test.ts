import { describe, expect, it } from 'vitest';
import { formatReport, type BenchReport, type BenchRun } from '../../bench/report';

function run(parallel: boolean): BenchRun {
  return {
    backend: { name: 'wasm', version: '4.22.0', threads: 1, description: 'WebAssembly (SIMD)' },
    workers: parallel ? 2 : 1,
    training: { images: 5120, batches: 40, seconds: 2, imagesPerSecond: 2560, msPerBatch: 50, finalLoss: 2, cpuSeconds: 3, coresBusy: 1.5 },
    topKernels: [{ kernel: 'Conv2D', ms: 10, calls: 3 }],
    kernelGroups: [
      { group: 'convolutions', ms: 30, calls: 8, share: 0.6 },
      { group: 'pooling', ms: 5, calls: 6, share: 0.1 },
      { group: 'dense', ms: 5, calls: 6, share: 0.1 },
      { group: 'elementwise', ms: 10, calls: 300, share: 0.2 },
    ],
    profiledStep: { wallMs: 65, kernelMs: 50, outsideKernelsMs: 15 },
    ...(parallel
      ? {
          workerComputeMs: [41, 39],
          stepBreakdown: {
            steps: 40,
            msPerBatch: 50,
            main: { stepMs: 49.5, splitMs: 0.2, averageMs: 0.5, otherMs: 0.3 },
            betweenStepsMs: 0.5,
            workers: [
              { computeMs: 42, kernelMs: 30, outsideKernelsMs: 12, updateMs: 2, copyMs: 0.5, messageMs: 1, toWorkerMs: 0.4, waitMs: 5.5, outsideComputeMs: 8 },
              { computeMs: 46, kernelMs: 33, outsideKernelsMs: 13, updateMs: 2, copyMs: 0.5, messageMs: 2.5, toWorkerMs: 2, waitMs: 0, outsideComputeMs: 4 },
            ],
          },
        }
      : {}),
  };
}

const report = (r: BenchRun): BenchReport => ({ runs: [r], batchSize: 128, memory: { peakRssMB: 600, tfBytesMB: 0, tfTensors: 0 }, loadAverageBefore: 0.5, loadAverageAfter: 1, cpus: 2 });

describe('formatReport', () => {
  it('prints the parallel step in parts: per worker kernels and the rest, messages, waiting; the main thread', () => {
    const text = formatReport(report(run(true)));
    expect(text).toContain('speed        2560 images/s, 50.0 ms per batch (5120 images in 2.00 s)');
    expect(text).toContain('workers      last step computed in 41.0 ms, 39.0 ms');
    expect(text).toContain('step parts   means over the 40 timed steps of 50.0 ms; 6.0 ms (12 %) per worker outside its compute');
    expect(text).toContain(
      '  worker 0     computed 42.0 = kernels 30.0 + outside kernels 12.0 (update 2.0, copy-out 0.5, the rest (tape, dispatch, tensors, masks) 9.5); outside compute 8.0: messages 1.0 (to it 0.4, back 0.6), waiting for the slower worker 5.5',
    );
    expect(text).toContain('  main thread  split 0.2, average 0.5, other 0.3 (posting, promises) in step(); 0.5 between steps');
  });

  it('prints the kernels by kind with their shares, and the one-thread step\'s time outside kernels', () => {
    const text = formatReport(report(run(false)));
    expect(text).not.toContain('step parts');
    expect(text).toContain('  Conv2D                       10.0 ms     3 calls');
    expect(text).toContain('  convolutions                 30.0 ms     8 calls  60 %');
    expect(text).toContain('  elementwise                  10.0 ms   300 calls  20 %');
    expect(text).toContain('  kernel sum                   50.0 ms');
    expect(text).toContain('outside      one-thread step 65.0 ms wall − 50.0 ms in kernels = 15.0 ms (23 %) outside kernels (fastest profiled step)');
  });
});
