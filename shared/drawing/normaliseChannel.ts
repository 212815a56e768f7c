// Per-channel statistics and the tutorial's contrast stretch: (x − mean) / std · 64 + 128,
// clipped to 0–255 and truncated to an 8-bit level (NumPy's astype('uint8') truncates).

export interface ChannelStats {
  channel: number;
  mean: number;
  std: number;
  min: number;
  max: number;
  dead: boolean; // constant channel (std 0) over more than one pixel
}

/** The level a dead (constant) channel is drawn with: 128 is what (x − mean)·k + 128 gives for
 * any finite k when every x equals the mean, so a dead channel shows as flat mid-viridis teal
 * (#21918c) instead of NaN. Live ReLU maps are mostly darker than that, so dead tiles stand out. */
export const DEAD_CHANNEL_LEVEL = 128;
export const CONTRAST = 64;
export const MID_LEVEL = 128;

/**
 * Mean, population std (NumPy's default), min and max. Dead: every value the same over a map
 * of more than one pixel (a ReLU channel that stays at 0 for this input). A single value
 * cannot show a spread, so a 1×1 channel is never counted dead (its std is 0 all the same).
 */
export function channelStats(values: ArrayLike<number>, channel = 0): ChannelStats {
  const n = values.length;
  if (n === 0) throw new Error(`channelStats: channel ${channel} has no values`);
  let sum = 0;
  let min = Infinity;
  let max = -Infinity;
  for (let i = 0; i < n; i++) {
    const v = values[i];
    sum += v;
    if (v < min) min = v;
    if (v > max) max = v;
  }
  // Exact comparison, not std < ε: rounding in the mean can leave a tiny std for a constant map.
  const constant = min === max;
  const mean = constant ? min : sum / n;
  let squares = 0;
  if (!constant) for (let i = 0; i < n; i++) squares += (values[i] - mean) ** 2;
  return { channel, mean, std: constant ? 0 : Math.sqrt(squares / n), min, max, dead: constant && n > 1 };
}

/** 8-bit levels for one channel, the tutorial's way; a constant channel (std 0) is flat DEAD_CHANNEL_LEVEL. */
export function normaliseChannel(values: ArrayLike<number>, channel = 0): { levels: Uint8Array; stats: ChannelStats } {
  const stats = channelStats(values, channel);
  const levels = new Uint8Array(values.length);
  if (stats.std === 0) {
    levels.fill(DEAD_CHANNEL_LEVEL);
    return { levels, stats };
  }
  const k = CONTRAST / stats.std;
  for (let i = 0; i < values.length; i++) {
    const level = (values[i] - stats.mean) * k + MID_LEVEL;
    levels[i] = level <= 0 ? 0 : level >= 255 ? 255 : Math.trunc(level);
  }
  return { levels, stats };
}
