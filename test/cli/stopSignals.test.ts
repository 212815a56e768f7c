import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import { Interrupted, watchStopSignals, type SignalSource } from '../../pipeline/cli/stopSignals';

/** A stand-in for `process`: signals are emitted by the test, and the parent pid can change. */
function fakeProcess(ppid = 100) {
  const emitter = new EventEmitter();
  const source = { on: emitter.on.bind(emitter), off: emitter.off.bind(emitter), ppid } as SignalSource & { ppid: number };
  return { source, emit: (s: string) => emitter.emit(s), listeners: () => emitter.listenerCount('SIGINT') + emitter.listenerCount('SIGTERM') };
}

describe('watchStopSignals', () => {
  it('aborts with an Interrupted carrying the shell exit code of the signal', () => {
    for (const [name, code] of [['SIGINT', 130], ['SIGTERM', 143]] as const) {
      const { source, emit } = fakeProcess();
      const watch = watchStopSignals(source);
      expect(watch.signal.aborted).toBe(false);
      emit(name);
      const reason = watch.signal.reason as Interrupted;
      expect(reason).toBeInstanceOf(Interrupted);
      expect(reason.exitCode).toBe(code);
      expect(reason.message).toBe(`stopped by ${name}: nothing was changed`);
      watch.dispose();
    }
  });

  it('treats its parent going away (npm killed, the process reparented) as SIGTERM', async () => {
    const { source } = fakeProcess(100);
    const watch = watchStopSignals(source, { pollMs: 5 });
    await new Promise((r) => setTimeout(r, 30));
    expect(watch.signal.aborted).toBe(false);
    source.ppid = 1;
    await new Promise((r) => setTimeout(r, 30));
    const reason = watch.signal.reason as Interrupted;
    expect(reason.signal).toBe('SIGTERM');
    expect(reason.message).toBe('stopped by its parent process (pid 100) exiting: nothing was changed');
    watch.dispose();
  });

  it('calls onRepeat on a second signal, and removes its listeners when disposed', () => {
    const { source, emit, listeners } = fakeProcess();
    const repeats: Interrupted[] = [];
    const watch = watchStopSignals(source, { onRepeat: (r) => repeats.push(r) });
    emit('SIGINT');
    expect(repeats).toEqual([]);
    emit('SIGTERM');
    expect(repeats.map((r) => r.signal)).toEqual(['SIGINT']);
    watch.dispose();
    expect(listeners()).toBe(0);
  });
});
