import { Worker } from 'node:worker_threads';
import { ring } from './doorbell';
import type { FromWorker, ToWorker, WorkerInit } from './parallelProtocol';

const BOOT = new URL('./parallelWorker.boot.mjs', import.meta.url);

type Reply<T extends FromWorker['type']> = Extract<FromWorker, { type: T }>;

export interface Replica {
  ready(timeoutMs: number): Promise<void>;
  /** `transfer`: buffers handed over to the worker instead of copied; the caller must not touch them afterwards. */
  request<T extends 'gradients' | 'weights' | 'applied'>(message: ToWorker, expect: T, transfer?: ArrayBuffer[]): Promise<Reply<T>>;
  terminate(): Promise<void>;
}

/**
 * One worker with a strict request/response discipline: at most one request in flight. Any
 * failure (an error reported by the worker, an uncaught exception, an unexpected exit) rejects
 * the waiting request and every later one with a message naming the worker.
 */
export function startReplica(init: WorkerInit): Replica {
  const worker = new Worker(BOOT, { workerData: init });
  const doorbells = new Int32Array(init.doorbells);
  let failure: Error | null = null;
  let waiting: { resolve: (m: FromWorker) => void; reject: (e: Error) => void } | null = null;
  let readyMessage: Promise<FromWorker>;

  const fail = (error: Error) => {
    failure ??= error;
    waiting?.reject(failure);
    waiting = null;
  };
  const next = () =>
    new Promise<FromWorker>((resolve, reject) => {
      if (failure) return reject(failure);
      waiting = { resolve, reject };
    });
  readyMessage = next();

  worker.on('message', (message: FromWorker) => {
    if (message.type === 'error') {
      const error = new Error(`Training worker ${init.index} failed: ${message.message}`);
      if (message.stack) error.stack = `${error.message}\n--- in worker ---\n${message.stack}`;
      fail(error);
      return;
    }
    const w = waiting;
    waiting = null;
    w?.resolve(message);
  });
  worker.on('error', (error) => fail(new Error(`Training worker ${init.index} crashed: ${error.message}`)));
  worker.on('exit', (code) => fail(new Error(`Training worker ${init.index} exited (code ${code}) while training.`)));

  return {
    async ready(timeoutMs) {
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<never>((_, reject) => {
        timer = setTimeout(
          () => reject(new Error(`Training worker ${init.index} did not start within ${timeoutMs} ms. Each worker starts its own backend, which takes long on a busy machine or with more workers than cores: try fewer --workers (1 trains in the main thread).`)),
          timeoutMs,
        );
      });
      try {
        const message = await Promise.race([readyMessage, timeout]);
        if (message.type !== 'ready') throw new Error(`Training worker ${init.index} sent "${message.type}" before "ready".`);
      } finally {
        clearTimeout(timer);
      }
    },
    async request(message, expect, transfer) {
      if (failure) throw failure;
      if (waiting) throw new Error(`Training worker ${init.index} is busy: one request at a time.`);
      const reply = next();
      worker.postMessage(message, transfer);
      ring(doorbells, init.index);
      const answer = await reply;
      if (answer.type !== expect) throw new Error(`Training worker ${init.index} answered "${answer.type}", expected "${expect}".`);
      return answer as Reply<typeof expect>;
    },
    async terminate() {
      failure ??= new Error(`Training worker ${init.index} was stopped.`);
      waiting?.reject(failure);
      waiting = null;
      await worker.terminate();
    },
  };
}
