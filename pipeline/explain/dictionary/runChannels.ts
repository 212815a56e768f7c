// The channel dictionary stage: for every channel of every conv layer (description.convolutions), the
// test images that excite it most (receptive field marked), an image optimised to excite it, and the
// first layer's kernels; plus one optimised image per class score. Reads the trained model, never trains.
import type { ArtifactFile } from '../../artifacts/types';
import { inputSize } from '../../model/description';
import { encodePng } from '../../visualize/png';
import { checkVisualizeInputs } from '../../visualize/runVisualize';
import type { VisualizeContext } from '../../visualize/types';
import { artifactWriter, mapLimit, round7 } from '../../visualize/writeArtifact';
import { createLogitNet } from '../logitNet';
import { CHANNELS_FORMAT, CHANNELS_INDEX_PATH, type ChannelEntry, type ChannelsIndex, type DictionaryLayer } from './channelsIndex';
import { ascend, type AscentResult, type AscentSettings } from './maximise';
import { channelObjective, classObjective } from './objectives';
import { fieldBox, modelGeometry, receptiveField } from './receptiveField';
import { paintInput } from '../../visualize/inputImage';
import { paintKernel, paintRgbKernel, paintStrip, type Rgba } from './renderDictionary';
import { ascentSettings, KERNEL_SCALE, SEARCH_BATCH, STRIP_SCALE, TOP_K } from './settings';
import { channelPeaks, topExamples } from './topExamples';

export interface ChannelsContext extends VisualizeContext {
  /** The quick preset climbs fewer steps. */
  preset: 'seed' | 'quick';
  /** Replaces some of the preset's ascent settings (tests use a few steps). */
  ascent?: Partial<AscentSettings>;
}

export interface ChannelsResult {
  files: ArtifactFile[];
  metrics: Record<string, number>;
}

interface ImageJob {
  path: string;
  image: Rgba;
  meta: Record<string, unknown>;
}

const pad3 = (n: number) => String(n).padStart(3, '0');
export const channelImagePath = (layer: string, channel: number, what: 'optimised' | 'examples' | 'kernel') => `explain/channels/${layer}/c${pad3(channel)}-${what}.png`;
export const classImagePath = (digit: number) => `explain/channels/classes/${digit}.png`;

/**
 * The first convolution's kernels, one per channel: k × k weights (row-major) for one input channel, k × k × 3
 * (channels last, drawn as RGB) for a colour input; null for any other number of input channels (no picture).
 */
function firstLayerKernels(ctx: ChannelsContext, layer: string): { values: number[][]; maxAbs: number; inputs: number } | null {
  const [kernel] = ctx.model.getLayer(layer).getWeights();
  const [kh, kw, inputs, channels] = kernel.shape;
  if (inputs !== 1 && inputs !== 3) return null;
  const data = kernel.dataSync();
  const values = Array.from({ length: channels }, (_, c) => Array.from({ length: kh * kw * inputs }, (_, v) => data[v * channels + c]));
  return { values, maxAbs: Math.max(...values.flat().map(Math.abs)), inputs };
}

export async function runChannels(ctx: ChannelsContext): Promise<ChannelsResult> {
  const now = ctx.now ?? (() => performance.now());
  const t0 = now();
  checkVisualizeInputs(ctx);
  const { model, test, log, description } = ctx;
  const { input } = description;
  const DICTIONARY_LAYERS = description.convolutions;
  const PIXELS = inputSize(input);
  const seconds: Record<string, number> = {};
  const timed = <T>(part: string, fn: () => T): T => {
    const start = now();
    const result = fn();
    seconds[part] = (now() - start) / 1000;
    return result;
  };

  const peaks = timed('examples', () => channelPeaks(model, test.images, test.count, DICTIONARY_LAYERS, SEARCH_BATCH, input));
  log(`channels: strongest ${TOP_K} of ${test.count} test images for ${peaks.reduce((s, p) => s + p.channels, 0)} channels in ${seconds.examples.toFixed(1)} s`);

  const settings = { ...ascentSettings(ctx.seed, ctx.preset), ...ctx.ascent };
  const climbs: AscentResult[] = [];
  for (const [k, layer] of DICTIONARY_LAYERS.entries()) {
    // Each layer starts from its own noise, so adding a layer does not change the others' images.
    climbs.push(timed(`ascent:${layer}`, () => ascend(channelObjective(model, layer, input), peaks[k].channels, { ...settings, seed: settings.seed + k }, input)));
    log(`channels: ${layer}: ${peaks[k].channels} images optimised over ${settings.steps} steps in ${seconds[`ascent:${layer}`].toFixed(1)} s`);
  }
  const classCount = description.classes;
  const classes = timed('ascent:classes', () => ascend(classObjective(createLogitNet(model, description)), classCount, { ...settings, seed: settings.seed + DICTIONARY_LAYERS.length }, input));
  log(`channels: ${classCount} class images optimised in ${seconds['ascent:classes'].toFixed(1)} s`);

  const renderStart = now();
  const kernels = firstLayerKernels(ctx, DICTIONARY_LAYERS[0]);
  if (!kernels) log(`channels: ${DICTIONARY_LAYERS[0]} reads ${input.channels} input channels; its kernels are not drawn (one or three channels are)`);
  const jobs: ImageJob[] = [];
  const layers: DictionaryLayer[] = DICTIONARY_LAYERS.map((name, k) => {
    // Square kernels and strides: one geometry, chained over each side of the input.
    const geometry = modelGeometry(model, name);
    const field = receptiveField(geometry, input.width);
    const rows = receptiveField(geometry, input.height);
    if (field.outputSize !== peaks[k].width || rows.outputSize !== peaks[k].height) {
      throw new Error(`channel dictionary: the geometry of ${name} gives ${rows.outputSize}×${field.outputSize} maps, the layer outputs ${peaks[k].height}×${peaks[k].width}`);
    }
    const entries = Array.from({ length: peaks[k].channels }, (_, channel): ChannelEntry => {
      const examples = topExamples(peaks[k], channel, TOP_K).map(({ index, value, y, x }) => {
        const [x0, , x1] = fieldBox(field, y, x);
        const [, y0, , y1] = fieldBox(rows, y, x);
        return { index, value: round7(value), box: [x0, y0, x1, y1] as [number, number, number, number] };
      });
      const paths = { optimised: channelImagePath(name, channel, 'optimised'), examples: channelImagePath(name, channel, 'examples'), kernel: channelImagePath(name, channel, 'kernel') };
      const meta = { layer: name, channel };
      jobs.push({ path: paths.examples, image: paintStrip(test.images, examples, STRIP_SCALE, input), meta: { ...meta, part: 'examples' } });
      jobs.push({ path: paths.optimised, image: paintInput(climbs[k].images.subarray(channel * PIXELS, (channel + 1) * PIXELS), input, 1), meta: { ...meta, part: 'optimised' } });
      const entry: ChannelEntry = {
        channel, examples, strip: paths.examples,
        optimised: { image: paths.optimised, start: round7(climbs[k].start[channel]), objective: round7(climbs[k].final[channel]) },
      };
      if (k === 0 && kernels) {
        jobs.push({ path: paths.kernel, image: (kernels.inputs === 3 ? paintRgbKernel : paintKernel)(kernels.values[channel], kernels.maxAbs, KERNEL_SCALE), meta: { ...meta, part: 'kernel' } });
        entry.kernel = { values: kernels.values[channel].map(round7), image: paths.kernel, maxAbs: round7(kernels.maxAbs) };
      }
      return entry;
    });
    return { name, channels: peaks[k].channels, mapSize: peaks[k].width, field: { size: field.size, jump: field.jump, offset: field.offset }, entries };
  });
  const classImages = Array.from({ length: classCount }, (_, digit) => {
    const image = classImagePath(digit);
    jobs.push({ path: image, image: paintInput(classes.images.subarray(digit * PIXELS, (digit + 1) * PIXELS), input, 1), meta: { digit, part: 'class' } });
    return { digit, image, start: round7(classes.start[digit]), objective: round7(classes.final[digit]) };
  });
  const write = artifactWriter(ctx.outDir);
  const files = await mapLimit(jobs, 4, async ({ path, image, meta }) => write(path, await encodePng(image.rgba, image.width, image.height), 'channel-image', meta));
  seconds.render = (now() - renderStart) / 1000;
  log(`channels: ${files.length} images drawn in ${seconds.render.toFixed(1)} s`);

  const index: ChannelsIndex = {
    format: CHANNELS_FORMAT, testImages: test.count, topK: TOP_K, ascent: settings, stripScale: STRIP_SCALE, layers, classes: classImages,
    seconds: Object.fromEntries(Object.entries(seconds).map(([k, v]) => [k, round7(v)])),
  };
  const indexFile = await write(CHANNELS_INDEX_PATH, JSON.stringify(index), 'channels-index', { layers: layers.length, channels: layers.reduce((s, l) => s + l.channels, 0) });
  const total = (now() - t0) / 1000;
  log(`channels: dictionary of ${index.layers.reduce((s, l) => s + l.channels, 0)} channels in ${total.toFixed(1)} s`);
  return { files: [...files, indexFile], metrics: { dictionary_seconds: total, dictionary_channels: index.layers.reduce((s, l) => s + l.channels, 0) } };
}
