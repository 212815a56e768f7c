// Decodes many pictures across the cores: worker threads, each taking the next batch of files when it is
// done. sharp decodes on libuv's threads, but for small pictures the time goes to the per-call work and
// fitImage in JavaScript, which run on the calling thread; each worker keeps its batch's decodes in flight on
// sharp's threads while it fits, so one worker keeps about two cores busy: one worker per two cores (on our
// 2-core machine two workers were slower than one, 9.6 s against 6.2 s for 10,000 PNGs; README.md here).
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { DataError } from '../dataError';
import type { FittedPicture } from './decodePicture';
import type { DecodeReply, DecodeRequest } from './decodeProtocol';

const BOOT = new URL('./decodeWorker.boot.mjs', import.meta.url);

/** Files per message: large enough that messaging costs little, small enough that threads finish together. */
export const BATCH = 64;

export interface DecodeOptions {
  /** Absolute paths, in the order the results are wanted. */
  files: string[];
  target: DecodeRequest['target'];
  /** Worker threads; default: one per two cores (at least one), never more than there are batches. */
  threads?: number;
  /** Called after each batch with the pictures done so far. */
  onProgress?: (done: number) => void;
}

/** The fitted pictures, in the order of `files`. The first picture that fails is a DataError naming its file. */
export async function decodePictures({ files, target, threads = Math.max(1, Math.floor(availableParallelism() / 2)), onProgress }: DecodeOptions): Promise<FittedPicture[]> {
  const batches = Math.ceil(files.length / BATCH);
  const out: FittedPicture[] = new Array(files.length);
  if (batches === 0) return out;
  const workers = Array.from({ length: Math.max(1, Math.min(threads, batches)) }, () => new Worker(BOOT));
  let next = 0;
  let done = 0;
  try {
    await new Promise<void>((resolve, reject) => {
      let finished = 0;
      const send = (worker: Worker) => {
        if (next >= batches) {
          if (++finished === workers.length) resolve();
          return;
        }
        const batch = next++;
        const request: DecodeRequest = { batch, files: files.slice(batch * BATCH, (batch + 1) * BATCH), target };
        worker.postMessage(request);
      };
      for (const worker of workers) {
        worker.on('message', (reply: DecodeReply) => {
          if (reply.error) return reject(new DataError(reply.error.file, reply.error.message));
          reply.pictures.forEach((p, i) => (out[reply.batch * BATCH + i] = p));
          done += reply.pictures.length;
          onProgress?.(done);
          send(worker);
        });
        worker.on('error', (e) => reject(new Error(`A picture-decoding thread failed: ${e.message}`, { cause: e })));
        worker.on('exit', (code) => {
          if (next < batches || finished < workers.length) reject(new Error(`A picture-decoding thread exited (code ${code}) before the pictures were decoded`));
        });
        send(worker);
      }
    });
  } finally {
    await Promise.all(workers.map((w) => w.terminate()));
  }
  return out;
}
