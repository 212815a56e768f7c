import type * as tfl from '@tensorflow/tfjs-layers';
import type { BackendInfo, PipelineConfig } from '../artifacts/types';
import { kernelSetOf } from '../backend/selectBackend';
import { createParallelStepper } from './parallelStepper';
import { createLocalStepper, type TrainStepper } from './stepper';
import { trainingApply } from './trainingApply';
import { addonInUse } from '../backend/onednn/loadOnednn';

/**
 * Chooses how optimizer steps run: in this thread, or — on wasm, which runs one thread per
 * instance in Node — split across worker threads that average their gradients (measured about
 * 1.8× faster with 2 workers on 2 cores; see `npm run bench`). Returns the backend info as it really is.
 */
export async function createStepperFor(
  model: tfl.LayersModel,
  backend: BackendInfo,
  config: PipelineConfig,
  log: (line: string) => void,
): Promise<{ stepper: TrainStepper; info: BackendInfo }> {
  if (backend.name !== 'wasm' || config.workers <= 1) {
    const applyLayer = trainingApply(addonInUse(backend));
    return { stepper: createLocalStepper(model, { learningRate: config.learningRate, applyLayer }), info: backend };
  }
  log(`training: starting ${config.workers} data-parallel wasm workers`);
  const stepper = await createParallelStepper({ model, learningRate: config.learningRate, workers: config.workers, seed: config.seed, backend: kernelSetOf(backend) });
  const info: BackendInfo = {
    ...backend,
    threads: config.workers,
    description: `${backend.description.replace(/, \d+ threads?$/, '')}, data-parallel across ${config.workers} worker threads`,
  };
  return { stepper, info };
}
