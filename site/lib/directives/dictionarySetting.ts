import type { ChannelsIndex } from '../../../pipeline/explain/dictionary/channelsIndex';
import { requireChannels } from './channelDictionary';
import { requireOneOf, type DirectiveSpec } from './context';
import { settingHtml } from './explainSetting';

/** The settings and sizes the prose may quote, each read from channels.json and formatted for the page language. */
const SETTINGS: Record<string, (x: ChannelsIndex) => { value: number; kind: 'int' | 'percent' | 'fixed2' }> = {
  steps: (x) => ({ value: x.ascent.steps, kind: 'int' }),
  step_size: (x) => ({ value: x.ascent.stepSize, kind: 'fixed2' }),
  l2: (x) => ({ value: x.ascent.l2, kind: 'fixed2' }),
  jitter: (x) => ({ value: x.ascent.jitter, kind: 'int' }),
  blur: (x) => ({ value: x.ascent.blur, kind: 'percent' }),
  noise: (x) => ({ value: x.ascent.noise, kind: 'fixed2' }),
  top_k: (x) => ({ value: x.topK, kind: 'int' }),
  test_images: (x) => ({ value: x.testImages, kind: 'int' }),
  channels: (x) => ({ value: x.layers.reduce((s, l) => s + l.channels, 0), kind: 'int' }),
  layers: (x) => ({ value: x.layers.length, kind: 'int' }),
};

/** Receptive-field sizes, per layer: `:dictionary-setting{name="field" layer="conv2d_2"}`. */
const fieldOf = (x: ChannelsIndex, layer: string | undefined) => {
  const names = x.layers.map((l) => l.name);
  return x.layers[names.indexOf(requireOneOf(layer, names, 'dictionary layer (for name="field")'))].field.size;
};

/** `:dictionary-setting{name="steps"}` — a setting or size of the channel dictionary, as this build used it. */
export const dictionarySettingDirective: DirectiveSpec = {
  kind: 'text',
  attributes: ['name', 'layer'],
  render(attributes, ctx) {
    const name = requireOneOf(attributes.name, [...Object.keys(SETTINGS), 'field'], 'dictionary setting');
    const index = requireChannels(ctx);
    const { value, kind } = name === 'field' ? { value: fieldOf(index, attributes.layer), kind: 'int' as const } : SETTINGS[name](index);
    return settingHtml(value, kind, ctx.lang);
  },
};
