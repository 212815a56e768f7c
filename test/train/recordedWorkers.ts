// node:worker_threads with a Worker that records every instance, for tests that must see the threads
// a stepper or replica starts (to play the thread's side, or to check that none outlives its owner).
import type * as WorkerThreads from 'node:worker_threads';

export function withRecordedWorkers(original: typeof WorkerThreads, started: WorkerThreads.Worker[]): typeof WorkerThreads {
  class RecordedWorker extends original.Worker {
    constructor(...args: ConstructorParameters<typeof original.Worker>) {
      super(...args);
      started.push(this);
    }
  }
  return { ...original, Worker: RecordedWorker };
}
