import { describe, expect, it } from 'vitest';
import { measureTraining } from '../../bench/measureTraining';
import type { Batch, TrainStepper } from '../../pipeline/train/stepper';

describe('measureTraining', () => {
  it('calls beforeTimed once, after the warm-up and before the first timed step', async () => {
    const events: string[] = [];
    let t = 0;
    const stepper: TrainStepper = {
      step: async () => {
        events.push('step');
        t += 10;
        return { loss: 1, accuracy: 0 };
      },
      syncTo: async () => {},
      dispose: async () => {},
    };
    const batch: Batch = { xs: new Float32Array(4 * 784), labels: new Int32Array(4), size: 4 };
    const speed = await measureTraining(stepper, [batch], { images: 8, warmupBatches: 2, now: () => t, cpuSeconds: () => 0, beforeTimed: () => events.push('reset') });
    expect(events).toEqual(['step', 'step', 'reset', 'step', 'step']);
    expect(speed.msPerBatch).toBe(10);
  });
});
