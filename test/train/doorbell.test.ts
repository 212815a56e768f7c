import { MessageChannel, Worker } from 'node:worker_threads';
import { describe, expect, it } from 'vitest';
import { createDoorbells, ring, serveWhileBusy } from '../../pipeline/train/doorbell';

describe('serveWhileBusy', () => {
  it('handles the waiting messages in order, once each, then returns after the idle time', async () => {
    const { port1, port2 } = new MessageChannel();
    const bells = new Int32Array(createDoorbells(2));
    const asEvents: unknown[] = [];
    port1.on('message', (m) => asEvents.push(m));
    for (const m of ['a', 'b', 'c']) {
      port2.postMessage(m);
      ring(bells, 1);
    }
    const handled: unknown[] = [];
    const start = performance.now();
    serveWhileBusy(port1, bells, 1, (m) => handled.push(m), 30);
    expect(performance.now() - start).toBeGreaterThanOrEqual(29);
    expect(handled).toEqual(['a', 'b', 'c']);
    expect(Array.from(bells)).toEqual([0, 3]);
    // Later messages arrive as events again.
    port2.postMessage('d');
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(asEvents).toEqual(['d']);
    port1.close();
  });

  it('wakes on a ring from another thread, without waiting out the idle time', async () => {
    const { port1, port2 } = new MessageChannel();
    const doorbells = createDoorbells(1);
    // Posts one message 50 ms after it starts, and rings.
    const sender = new Worker(
      `const { workerData } = require('node:worker_threads');
       const bells = new Int32Array(workerData.doorbells);
       Atomics.wait(bells, 0, 0, 50);
       workerData.port.postMessage(performance.timeOrigin + performance.now());
       Atomics.add(bells, 0, 1);
       Atomics.notify(bells, 0);`,
      { eval: true, workerData: { port: port2, doorbells }, transferList: [port2] },
    );
    const latencies: number[] = [];
    serveWhileBusy(port1, new Int32Array(doorbells), 0, (sentAt) => latencies.push(performance.timeOrigin + performance.now() - (sentAt as number)), 2000);
    await sender.terminate();
    port1.close();
    expect(latencies).toHaveLength(1); // handled here, not left for the event loop after a time-out
    expect(latencies[0]).toBeLessThan(1000);
  });
});
