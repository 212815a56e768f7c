// Messages between the decode pool (decodePool.ts) and its threads (decodeWorker.ts).
import type { FittedPicture } from './decodePicture';

export interface DecodeRequest {
  batch: number;
  /** Absolute paths. */
  files: string[];
  target: { height: number; width: number; channels: 1 | 3 | null };
}

export interface DecodeReply {
  batch: number;
  pictures: FittedPicture[];
  /** The first picture of the batch that failed, and why (decodePicture.ts's message). */
  error?: { file: string; message: string };
}
