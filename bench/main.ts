import * as tf from '@tensorflow/tfjs-core';
import { availableParallelism, loadavg } from 'node:os';
import { BACKEND_CHOICES, kernelSetOf, selectBackend, type BackendChoice } from '../pipeline/backend/selectBackend';
import { createModel } from '../pipeline/model/createModel';
import { createParallelStepper, type ParallelTrainStepper } from '../pipeline/train/parallelStepper';
import { createLocalStepper, type Batch, type TrainStepper } from '../pipeline/train/stepper';
import { trainingApply } from '../pipeline/train/trainingApply';
import { addonInUse } from '../pipeline/backend/onednn/loadOnednn';
import { helpText, parseFlags, UsageError, type FlagSpec } from '../pipeline/cli/options';
import { runCli } from '../pipeline/cli/runCli';
import { groupKernels } from './kernelGroups';
import { profileStep } from './kernelProfile';
import { measureTraining } from './measureTraining';
import { formatReport, type BenchReport, type BenchRun } from './report';
import { stepBreakdown } from './stepBreakdown';
import { syntheticBatch } from './syntheticBatch';
import { runTorchPeer } from './torchPeer';

const FLAGS = {
  backend: { type: 'string', default: 'auto', choices: BACKEND_CHOICES, help: 'TF.js backend; auto = tensorflow if @tensorflow/tfjs-node loads, else wasm+onednn if the addon is built, else wasm' },
  baseline: { type: 'boolean', default: true, help: 'with the oneDNN kernels, also time plain wasm in the same run (--no-baseline: skip)' },
  workers: { type: 'number', default: availableParallelism(), help: 'data-parallel worker threads (1 = train in the main thread); always 1 on tensorflow, which threads natively. Default: the number of cores' },
  kernels: { type: 'number', default: 5, help: 'rows of the per-kernel table (one batch in the main thread, one thread)' },
  images: { type: 'number', default: 5120, help: 'images to time after the warm-up (rounded up to whole batches)' },
  warmup: { type: 'number', default: 3, help: 'untimed warm-up batches' },
  'batch-size': { type: 'number', default: 128, help: 'images per optimizer step' },
  peer: { type: 'string', default: 'none', choices: ['none', 'torch'], help: 'also time the same network in PyTorch (bench/torch_peer.py, same threads) and print the ratio' },
  json: { type: 'boolean', default: false, help: 'print the report as JSON instead of text' },
  help: { type: 'boolean', default: false, help: 'show this help' },
} satisfies Record<string, FlagSpec>;

type BenchFlags = {
  backend: BackendChoice;
  baseline: boolean;
  workers: number;
  kernels: number;
  images: number;
  warmup: number;
  'batch-size': number;
  peer: 'none' | 'torch';
  json: boolean;
  help: boolean;
};

/** Flags with defaults filled in; counts must be whole numbers of at least 1 (warm-up: 0). */
function benchFlags(argv: string[]): BenchFlags {
  const values = parseFlags(argv, FLAGS);
  const flags = Object.fromEntries(Object.entries(FLAGS).map(([name, spec]) => [name, values[name] ?? spec.default])) as BenchFlags;
  for (const [name, min] of [['workers', 1], ['images', 1], ['warmup', 0], ['batch-size', 1], ['kernels', 1]] as const) {
    if (!Number.isInteger(flags[name]) || flags[name] < min) throw new UsageError(`--${name} must be a whole number ≥ ${min}, got ${flags[name]}`);
  }
  return flags;
}

const USAGE =
  "Trains the article's CNN (3 conv/pool/dropout blocks + 2 dense, Adam, lr 0.001) on synthetic\n" +
  'MNIST-shaped batches and reports training speed, the most expensive kernels and peak memory.';

async function main(argv: string[]): Promise<number> {
  const flags = benchFlags(argv);
  if (flags.help) {
    console.log(`${USAGE}\n\n${helpText('npm run bench --', FLAGS)}`);
    return 0;
  }
  const log = flags.json ? () => {} : (line: string) => console.log(line);
  const loadAverageBefore = loadavg()[0];
  const batches = [0, 1, 2, 3].map((i) => syntheticBatch(flags['batch-size'], i + 1));
  const runs = [await measureBackend(flags.backend, flags, batches, log)];
  if (runs[0].backend.onednn && flags.baseline) {
    log('timing plain wasm (without the oneDNN kernels) in the same run…');
    runs.push(await measureBackend('wasm', flags, batches, log));
  }
  const report: BenchReport = {
    runs,
    batchSize: flags['batch-size'],
    memory: {
      peakRssMB: process.resourceUsage().maxRSS / 1024,
      tfBytesMB: tf.memory().numBytes / 2 ** 20,
      tfTensors: tf.memory().numTensors,
    },
    loadAverageBefore,
    loadAverageAfter: loadavg()[0],
    cpus: availableParallelism(),
  };
  if (flags.peer === 'torch') {
    log('running the PyTorch peer…');
    const threads = runs[0].workers * runs[0].backend.threads;
    report.peer = runTorchPeer({ images: flags.images, warmupBatches: flags.warmup, batchSize: flags['batch-size'], threads });
    report.loadAverageAfter = loadavg()[0];
  }
  console.log(flags.json ? JSON.stringify(report, null, 2) : formatReport(report));
  return 0;
}

/** Selects `choice` (kernels included), profiles one batch in this thread, then times training. */
async function measureBackend(choice: BackendChoice, flags: BenchFlags, batches: Batch[], log: (line: string) => void): Promise<BenchRun> {
  const backend = await selectBackend(choice, log);
  const model = createModel({ seed: 1 });
  // Kernel costs from one batch in this thread: workers run the same kernels on a share of a batch each,
  // and apply the layers the same way (Adam differs: here it is tf.train.adam's kernels, there one native loop).
  const applyLayer = trainingApply(addonInUse(backend));
  const profiler = createLocalStepper(model, { learningRate: 0.001, applyLayer });
  await profiler.step(batches[0]);
  const profile = await profileStep(profiler, batches);
  const topKernels = profile.kernels.slice(0, flags.kernels);
  await profiler.dispose();

  // The native binding runs its own thread pool (and its addon is not meant for worker threads).
  const workers = backend.name === 'tensorflow' ? 1 : flags.workers;
  let stepper: TrainStepper;
  let parallel: ParallelTrainStepper | null = null;
  if (workers === 1) {
    stepper = createLocalStepper(model, { learningRate: 0.001, applyLayer });
  } else {
    log(`starting ${workers} workers…`);
    stepper = parallel = await createParallelStepper({ model, learningRate: 0.001, workers, seed: 1, backend: kernelSetOf(backend) });
  }
  try {
    const training = await measureTraining(stepper, batches, {
      images: flags.images,
      warmupBatches: flags.warmup,
      beforeTimed: () => parallel?.resetTiming(),
    });
    return {
      backend,
      workers,
      training,
      topKernels,
      kernelGroups: groupKernels(profile.kernels),
      profiledStep: profile.step,
      workerComputeMs: parallel?.lastStepStats().computeMs,
      stepBreakdown: (parallel && stepBreakdown(parallel.timing(), training)) ?? undefined,
    };
  } finally {
    await stepper.dispose();
    model.dispose();
  }
}

runCli('bench', main, { writesArtifacts: false });
