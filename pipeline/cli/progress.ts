import type { EpochRecord } from '../artifacts/types';
import type { TrainProgress } from '../train/trainModel';

export interface ProgressSink {
  isTTY: boolean;
  write(text: string): void;
}

const fmt = (x: number, digits = 4) => x.toFixed(digits);

function eta(seconds: number): string {
  if (!Number.isFinite(seconds)) return '--';
  const m = Math.floor(seconds / 60);
  const s = Math.round(seconds % 60);
  return m > 0 ? `${m}m${String(s).padStart(2, '0')}s` : `${s}s`;
}

export function formatEpoch(r: EpochRecord, maxEpochs: number): string {
  return (
    `epoch ${r.epoch}/${maxEpochs}: loss ${fmt(r.loss)} accuracy ${fmt(r.accuracy)} ` +
    `val_loss ${fmt(r.valLoss)} val_accuracy ${fmt(r.valAccuracy)} (${r.seconds.toFixed(1)} s, ${Math.round(r.imagesPerSecond)} images/s)`
  );
}

/**
 * A live bar per epoch on a terminal; on a pipe or in CI, plain lines at each quarter of an epoch
 * so logs stay readable.
 */
export function createProgress(sink: ProgressSink, width = 24): TrainProgress {
  let maxEpochs = 0;
  let lastQuarter = 0;
  let epoch = 0;
  return {
    epochStart(e, max) {
      epoch = e;
      maxEpochs = max;
      lastQuarter = 0;
    },
    batch(done, batches, images, seconds, loss, accuracy) {
      const rate = images / Math.max(seconds, 1e-9);
      const remaining = ((batches - done) / done) * seconds;
      const stats = `${done}/${batches} ${Math.round(rate)} img/s loss ${fmt(loss)} acc ${fmt(accuracy)} ETA ${eta(remaining)}`;
      if (sink.isTTY) {
        const filled = Math.round((done / batches) * width);
        sink.write(`\r\x1b[2Kepoch ${epoch}/${maxEpochs} [${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${stats}`);
        return;
      }
      const quarter = Math.floor((done / batches) * 4);
      if (quarter > lastQuarter && done < batches) {
        lastQuarter = quarter;
        sink.write(`epoch ${epoch}/${maxEpochs} batch ${stats}\n`);
      }
    },
    epochEnd(record, note) {
      sink.write(`${sink.isTTY ? '\r\x1b[2K' : ''}${formatEpoch(record, maxEpochs)}${note ? ` — ${note}` : ''}\n`);
    },
  };
}

/** A progress reporter that prints nothing, for tests. */
export const silentProgress: TrainProgress = { epochStart() {}, batch() {}, epochEnd() {} };
