// The channel dictionary's part of the artifact contract: explain/channels.json (kind
// 'channels-index'), written by pipeline/explain/dictionary, read by the site. Paths are relative
// to the artifacts folder.

export const CHANNELS_INDEX_PATH = 'explain/channels.json';
export const CHANNELS_FORMAT = 'cnn-hidden-truth/channels@1';

/** Names the dictionary adds to `Manifest.metrics`. */
export const DICTIONARY_METRIC_NAMES = ['dictionary_seconds', 'dictionary_channels'] as const;

/** A test image that excites the channel, the peak value and the input box [x0, y0, x1, y1] (inclusive) it sees. */
export interface ChannelExample {
  index: number;
  value: number;
  box: [number, number, number, number];
}

export interface OptimisedImage {
  image: string; // PNG at the input's size: grey, or RGB for colour inputs
  /** The objective (mean pre-ReLU activation, or the class score) at the starting noise and at the end. */
  start: number;
  objective: number;
}

export interface ChannelEntry {
  channel: number;
  examples: ChannelExample[];
  /** The examples side by side, receptive fields outlined. */
  strip: string;
  optimised: OptimisedImage;
  /**
   * First layer only, when it reads one or three input channels: the k × k kernel (row-major; k × k × 3, channels
   * last, for a colour input, drawn as RGB) and its picture on the layer's shared colour range.
   */
  kernel?: { values: number[]; image: string; maxAbs: number };
}

export interface DictionaryLayer {
  name: string;
  channels: number;
  /** Width of the layer's output map (its side, for square inputs). */
  mapSize: number;
  /** The receptive field of one output position along the width: size, jump and offset in input pixels. */
  field: { size: number; jump: number; offset: number };
  entries: ChannelEntry[];
}

export interface ChannelsIndex {
  format: typeof CHANNELS_FORMAT;
  /** Test images searched for the examples. */
  testImages: number;
  topK: number;
  ascent: { steps: number; stepSize: number; l2: number; jitter: number; blur: number; noise: number; seed: number };
  /** Pixel scale of the example strips. */
  stripScale: number;
  layers: DictionaryLayer[];
  classes: ({ digit: number } & OptimisedImage)[];
  /** Seconds per part. */
  seconds: Record<string, number>;
}

/** Where a channel's entry sits on the Channels page (also the anchor the galleries link to). */
export function channelAnchor(layer: string, channel: number | string): string {
  return `${layer}-${channel}`;
}
