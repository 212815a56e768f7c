// The channel dictionary's part of the fake artifacts: explain/channels.json and the images it lists.
import { CHANNELS_FORMAT, CHANNELS_INDEX_PATH, type ChannelsIndex } from '../../pipeline/explain/dictionary/channelsIndex';
import type { ArtifactFile } from '../../pipeline/artifacts/types';
import type { ModelDescription } from '../../pipeline/model/description';
import { TUTORIAL_DESCRIPTION } from '../model/tutorialDescription';

type Put = (rel: string, kind: ArtifactFile['kind'], data: string | Buffer, meta?: Record<string, unknown>) => Promise<void>;

/** Per convolution: name, channels, map size and a receptive field that grows with depth (3, 8, 18 for the tutorial's). */
function dictionaryLayers(model: ModelDescription): [string, number, number, number][] {
  const fields = [3, 8, 18, 28];
  return model.convolutions.map((name, k) => {
    const layer = model.layers.find((l) => l.name === name)!;
    return [name, layer.outputShape[2]!, layer.outputShape[0]!, fields[Math.min(k, fields.length - 1)]!];
  });
}

export async function putFakeChannels(put: Put, png: (width: number, height: number, shade: number) => Buffer, model: ModelDescription = TUTORIAL_DESCRIPTION): Promise<ChannelsIndex> {
  const LAYERS = dictionaryLayers(model);
  const small = png(28, 28, 90);
  const strip = png(9 * 56 + 16, 56, 150);
  const layers: ChannelsIndex['layers'] = [];
  for (const [name, channels, mapSize, size] of LAYERS) {
    const entries = [];
    for (let channel = 0; channel < channels; channel++) {
      const base = `explain/channels/${name}/c${String(channel).padStart(3, '0')}`;
      await put(`${base}-examples.png`, 'channel-image', strip, { layer: name, channel, part: 'examples' });
      await put(`${base}-optimised.png`, 'channel-image', small, { layer: name, channel, part: 'optimised' });
      const examples = Array.from({ length: 9 }, (_, k) => ({ index: 100 + channel + k, value: 3 - k / 10, box: [0, 0, size - 1, size - 1] as [number, number, number, number] }));
      const entry: ChannelsIndex['layers'][number]['entries'][number] = { channel, examples, strip: `${base}-examples.png`, optimised: { image: `${base}-optimised.png`, start: 0.01, objective: 1.5 + channel / 100 } };
      if (name === model.firstConvolution) {
        await put(`${base}-kernel.png`, 'channel-image', png(48, 48, 30), { layer: name, channel, part: 'kernel' });
        entry.kernel = { values: [0.1, -0.2, 0.3, 0, 0.5, -0.6, 0.7, 0.8, -0.9], image: `${base}-kernel.png`, maxAbs: 0.9 };
      }
      entries.push(entry);
    }
    layers.push({ name, channels, mapSize, field: { size, jump: 1, offset: 0 }, entries });
  }
  const classes = [];
  for (let digit = 0; digit < 10; digit++) {
    await put(`explain/channels/classes/${digit}.png`, 'channel-image', small, { digit, part: 'class' });
    classes.push({ digit, image: `explain/channels/classes/${digit}.png`, start: -0.05, objective: 9 + digit / 10 });
  }
  const index: ChannelsIndex = {
    format: CHANNELS_FORMAT, testImages: 600, topK: 9, ascent: { steps: 128, stepSize: 0.05, l2: 0.05, jitter: 1, blur: 0.1, noise: 0.1, seed: 42 },
    stripScale: 2, layers, classes, seconds: { examples: 1.5, [`ascent:${model.firstConvolution}`]: 2 },
  };
  await put(CHANNELS_INDEX_PATH, 'channels-index', JSON.stringify(index), { layers: LAYERS.length, channels: LAYERS.reduce((n, l) => n + l[1], 0) });
  return index;
}
