import { mkdir, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { TrainingHistory } from '../../../pipeline/artifacts/types';
import { runTimelapse } from '../../../pipeline/explain/timelapse/runTimelapse';
import type { TimelapseIndex } from '../../../pipeline/explain/timelapse/timelapseIndex';
import type { TimelapseFrame } from '../../../pipeline/train/timelapse';
import { encodeTimelapse, TIMELAPSE_RECORD_PATH } from '../../../pipeline/train/timelapseRecord';
import { NEGATIVE_RGB, POSITIVE_RGB } from '../../../pipeline/visualize/diverging';
import { decodePng } from '../../visualize/decodePng';
import { TUTORIAL_DESCRIPTION } from '../../model/tutorialDescription';

const hex = (rgb: number[]) => '#' + rgb.map((v) => v.toString(16).padStart(2, '0')).join('');

/** Kernels that grow with the epoch (filter 0's centre weight is the largest), maps that move with it. */
function frame(epoch: number): TimelapseFrame {
  const kernel = Float32Array.from({ length: 9 * 32 }, (_, i) => ((i % 7) - 3) / 30 * (1 + epoch));
  kernel[4 * 32] = 0.2 * (1 + epoch);
  const maps = Float32Array.from({ length: 26 * 26 * 32 }, (_, i) => Math.max(0, Math.sin(i / 97 + epoch)));
  return { epoch, kernel, maps };
}

async function stagingWithRecord(sample = 51): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), 'timelapse-'));
  const { index, data } = encodeTimelapse([0, 1, 2].map(frame), { layer: 'conv2d', sample, kernelShape: [3, 3, 1, 32], mapShape: [26, 26, 32] });
  await mkdir(path.join(dir, 'timelapse'));
  await writeFile(path.join(dir, index.data), data);
  await writeFile(path.join(dir, TIMELAPSE_RECORD_PATH), JSON.stringify(index));
  const history: TrainingHistory = {
    epochs: [1, 2].map((epoch) => ({ epoch, loss: 1 / epoch, accuracy: 0.9, valLoss: 0.5, valAccuracy: 0.9 + epoch / 100, seconds: 1, trainSeconds: 1, imagesPerSecond: 10 })),
    bestEpoch: 1, stoppedEarly: true, maxEpochs: 9, patience: 1, seconds: 2,
  };
  await writeFile(path.join(dir, 'history.json'), JSON.stringify(history));
  return dir;
}

describe('runTimelapse', () => {
  it('draws a kernel grid and a map grid per epoch, a filmstrip of key epochs, and marks the kept and the stopping epoch', async () => {
    const dir = await stagingWithRecord();
    const lines: string[] = [];
    const { files, index: drawn } = await runTimelapse({ outDir: dir, articleSample: 51, description: TUTORIAL_DESCRIPTION, log: (l) => lines.push(l) });
    const index = drawn as TimelapseIndex;
    expect(index.epochs.map((e) => [e.epoch, e.valAccuracy])).toEqual([[0, null], [1, 0.91], [2, 0.92]]);
    expect([index.keptEpoch, index.stopEpoch, index.sample, index.layer, index.channels]).toEqual([1, 2, 51, 'conv2d', 32]);
    expect(index.kernelRange).toBeCloseTo(0.6, 6);
    expect(index.epochs[0].kernels).toMatchObject({ width: 16 * 24 + 15 * 2, height: 2 * 24 + 2 });
    expect(index.epochs[0].maps).toMatchObject({ width: 16 * 26 + 15 * 2, height: 2 * 26 + 2 });
    expect(index.filmstrip).toMatchObject({ epochs: [0, 1, 2], width: 414 + 6 + 446, height: 3 * 54 + 2 * 6 });
    expect(files.map((f) => f.kind).filter((k) => k === 'timelapse-frame')).toHaveLength(6);
    expect(JSON.parse(await readFile(path.join(dir, 'timelapse/timelapse.json'), 'utf8'))).toEqual(index as TimelapseIndex);
    for (const f of files) expect(f.bytes).toBeGreaterThan(0);

    // One colour range for all epochs: the largest weight (filter 0's centre, last epoch) is the full red,
    // the same weight at epoch 0 a paler one; tile 0 is 24 px, so its centre cell starts at (8, 8).
    const kernels = async (e: number) => decodePng(path.join(dir, index.epochs[e].kernels.path));
    expect((await kernels(2)).hexAt(12, 12)).toBe(hex(POSITIVE_RGB));
    expect((await kernels(0)).hexAt(12, 12)).not.toBe(hex(POSITIVE_RGB));
    expect((await kernels(0)).hexAt(12, 12)).not.toBe(hex(NEGATIVE_RGB));
    const maps = async (e: number) => (await decodePng(path.join(dir, index.epochs[e].maps.path))).hexAt(30, 10);
    expect(await maps(0)).not.toBe(await maps(2));
    expect(lines.join('\n')).toContain('timelapse: 3 epochs of conv2d kernels and maps of test image 51');
  });

  it('refuses a record of another test image, and a missing record, naming the fix', async () => {
    const other = await stagingWithRecord(7);
    await expect(runTimelapse({ outDir: other, articleSample: 51, description: TUTORIAL_DESCRIPTION, log: () => {} })).rejects.toThrow('the record follows test image 7, the article 51; retrain with --force.');
    const empty = await mkdtemp(path.join(tmpdir(), 'timelapse-'));
    await expect(runTimelapse({ outDir: empty, articleSample: 51, description: TUTORIAL_DESCRIPTION, log: () => {} })).rejects.toThrow(/cannot read timelapse\/record.json .* retrain with --force/);
  });
});
