// The timelapse's part of the fake artifacts: timelapse/timelapse.json and the images it lists.
import type { ArtifactFile } from '../../pipeline/artifacts/types';
import type { ModelDescription } from '../../pipeline/model/description';
import { TUTORIAL_DESCRIPTION } from '../model/tutorialDescription';
import type { TimelapseIndex } from '../../pipeline/explain/timelapse/timelapseIndex';

type Put = (rel: string, kind: ArtifactFile['kind'], data: string | Buffer, meta?: Record<string, unknown>) => Promise<void>;

/** Epochs 0–5; the checkpoint kept epoch 4 and early stopping ended training after 5. */
export async function putFakeTimelapse(put: Put, png: (width: number, height: number, shade: number) => Buffer, model: ModelDescription = TUTORIAL_DESCRIPTION): Promise<TimelapseIndex> {
  const first = model.layers.find((l) => l.name === model.firstConvolution);
  const epochs: TimelapseIndex['epochs'] = [];
  for (let epoch = 0; epoch <= 5; epoch++) {
    const stem = `timelapse/epoch-${String(epoch).padStart(3, '0')}`;
    await put(`${stem}-kernels.png`, 'timelapse-frame', png(414, 50, 30 * epoch), { epoch, picture: 'kernels' });
    await put(`${stem}-maps.png`, 'timelapse-frame', png(446, 54, 30 * epoch + 7), { epoch, picture: 'maps' });
    epochs.push({
      epoch, valAccuracy: epoch === 0 ? null : 0.9 + epoch / 100,
      kernels: { path: `${stem}-kernels.png`, width: 414, height: 50 }, maps: { path: `${stem}-maps.png`, width: 446, height: 54 },
    });
  }
  await put('timelapse/filmstrip.png', 'timelapse-filmstrip', png(866, 228, 99), { epochs: [0, 1, 4, 5] });
  const index: TimelapseIndex = {
    layer: model.firstConvolution, sample: 51, channels: first?.filters ?? 32, keptEpoch: 4, stopEpoch: 5, kernelRange: 0.61234,
    epochs, filmstrip: { path: 'timelapse/filmstrip.png', width: 866, height: 228, epochs: [0, 1, 4, 5] },
  };
  await put('timelapse/timelapse.json', 'timelapse-index', JSON.stringify(index, null, 1));
  return index;
}
