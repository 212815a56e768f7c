/** Messages between the parallel stepper (main thread) and its training workers. */
import type { BackendChoice } from '../artifacts/types';

export interface WorkerInit {
  index: number;
  backend: Exclude<BackendChoice, 'auto'>;
  /** model.toJSON(null, false): the replica is rebuilt from the same topology and layer configs. */
  modelTopology: unknown;
  /** Initial values of model.getWeights(), in order. */
  weights: { values: Float32Array; shape: number[] }[];
  learningRate: number;
  /** Seeds Math.random (unseeded dropout masks) as seed + index. */
  seed: number;
  /** This worker's gradients, then everyone's averaged gradients: Float32 views of shared memory. */
  ownGradients: SharedArrayBuffer;
  averagedGradients: SharedArrayBuffer;
  /** One Int32 per worker, rung after each message to it (see doorbell.ts). */
  doorbells: SharedArrayBuffer;
}

export type ToWorker =
  /** Apply the pending averaged update (if any), then compute gradients on this shard. */
  | { type: 'gradients'; applyPending: boolean; xs: Float32Array; labels: Int32Array; size: number }
  /** Apply the pending update (if any) and send back all weights. */
  | { type: 'weights'; applyPending: boolean }
  /** Apply the pending update only: this worker has no shard of the current batch. */
  | { type: 'apply'; applyPending: true };

export type FromWorker =
  | { type: 'ready'; parameterCount: number; backendDescription: string }
  | {
      type: 'gradients';
      lossSum: number;
      correct: number;
      size: number;
      /** Time the worker spent on this request (update + gradients), for load-balance checks. */
      computeMs: number;
      /** When the worker started on the request: performance.timeOrigin + performance.now(), comparable across threads. */
      startedAt: number;
      /** Of computeMs: inside registered kernels (the rest is tape, dispatch, tensor creation, copies, Adam). */
      kernelMs: number;
      /** Of computeMs: applying the pending averaged update (Adam and writing the variables). */
      updateMs: number;
      /** Of computeMs: copying loss, accuracy and gradients out of the backend into shared memory. */
      copyMs: number;
      /** Live tensors in the worker after the request: constant from step to step unless something leaks. */
      tensors: number;
    }
  | { type: 'weights'; weights: Float32Array[] }
  | { type: 'applied' }
  | { type: 'error'; message: string; stack?: string };
