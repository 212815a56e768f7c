/** A run stopped on request: expected, with the exit code a shell gives a process killed by that signal. */
export class Interrupted extends Error {
  readonly exitCode: number;
  constructor(
    readonly signal: StopSignal,
    /** What the run left as it was, e.g. "nothing was changed". */
    readonly kept = 'nothing was changed',
    readonly why: string = signal,
  ) {
    super(`stopped by ${why}: ${kept}`);
    this.name = 'Interrupted';
    this.exitCode = 128 + (signal === 'SIGINT' ? 2 : 15);
  }
}

export type StopSignal = 'SIGINT' | 'SIGTERM';

/** The part of `process` the watcher uses; a test passes a stand-in. */
export interface SignalSource {
  on(event: StopSignal, listener: () => void): unknown;
  off(event: StopSignal, listener: () => void): unknown;
  readonly ppid: number;
}

export interface StopWatch {
  signal: AbortSignal;
  dispose(): void;
}

/**
 * Turns SIGINT/SIGTERM into an abort of the returned signal (reason: Interrupted), which the pipeline
 * checks between stages, batches and before committing. A parent that goes away counts as SIGTERM:
 * `npm run` killed with SIGTERM exits at once and its shell with it, leaving this process orphaned
 * (reparented) and still running; without the watch it would commit minutes later. A repeated signal
 * calls `onRepeat` (the CLI exits at once).
 */
export function watchStopSignals(source: SignalSource, { pollMs = 1000, onRepeat }: { pollMs?: number; onRepeat?: (reason: Interrupted) => void } = {}): StopWatch {
  const controller = new AbortController();
  const parent = source.ppid;
  const stop = (reason: Interrupted) => {
    if (controller.signal.aborted) onRepeat?.(controller.signal.reason as Interrupted);
    else controller.abort(reason);
  };
  const onInt = () => stop(new Interrupted('SIGINT'));
  const onTerm = () => stop(new Interrupted('SIGTERM'));
  source.on('SIGINT', onInt);
  source.on('SIGTERM', onTerm);
  const timer = setInterval(() => {
    if (source.ppid !== parent && !controller.signal.aborted) stop(new Interrupted('SIGTERM', undefined, `its parent process (pid ${parent}) exiting`));
  }, pollMs);
  timer.unref();
  return {
    signal: controller.signal,
    dispose() {
      clearInterval(timer);
      source.off('SIGINT', onInt);
      source.off('SIGTERM', onTerm);
    },
  };
}
