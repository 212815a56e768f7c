// One decoding thread: reads, decodes and fits batches of pictures (decodePicture.ts) and sends the fitted
// pixels back, their buffers transferred rather than copied.
import { readFile } from 'node:fs/promises';
import { parentPort } from 'node:worker_threads';
import { fitPictureFile } from './decodePicture';
import type { DecodeReply, DecodeRequest } from './decodeProtocol';

const port = parentPort!;

// The batch's files are decoded together: sharp decodes on libuv's threads, so while one picture is decoded
// this thread prepares the next; one at a time, a thread waits on each decode in turn.
port.on('message', async ({ batch, files, target }: DecodeRequest) => {
  const settled = await Promise.allSettled(files.map(async (file) => fitPictureFile(await readFile(file), target)));
  const failed = settled.findIndex((s) => s.status === 'rejected');
  if (failed >= 0) {
    const reason = (settled[failed] as PromiseRejectedResult).reason as Error;
    const reply: DecodeReply = { batch, pictures: [], error: { file: files[failed], message: reason.message } };
    port.postMessage(reply);
    return;
  }
  const pictures = settled.map((s) => (s as PromiseFulfilledResult<DecodeReply['pictures'][number]>).value);
  const reply: DecodeReply = { batch, pictures };
  port.postMessage(reply, pictures.map((p) => p.pixels.buffer as ArrayBuffer));
});
