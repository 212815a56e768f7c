// Attribution methods work on many images at once; these helpers cut the work into batches that
// fit in memory and gather the results, so each method reads as the maths for one batch.
import { inputSize, type ModelInput } from '../model/description';

/** A method's inputs: n images of the net's input (values 0–1, h × w × c each) and the class each map explains. */
export interface AttributionInput {
  images: Float32Array; // n × h × w × c
  targets: Int32Array; // n
}

/** Values per image (h × w × c). */
export const imageValues = (input: ModelInput) => inputSize(input);
/** Values per attribution map: one per pixel position (h × w), the channels summed. */
export const mapValues = (input: Pick<ModelInput, 'height' | 'width'>) => input.height * input.width;

/** Rows [start, end) of a batch input. */
export function sliceInput({ images, targets }: AttributionInput, start: number, end: number, input: ModelInput): AttributionInput {
  const size = imageValues(input);
  return { images: images.subarray(start * size, end * size), targets: targets.subarray(start, end) };
}

/**
 * Per-pixel maps from per-value ones (n × h × w × c → n × h × w): the channels of each pixel summed,
 * so a colour image's map keeps IG's completeness (its sum is unchanged). One channel: the values themselves.
 */
export function sumChannels(values: Float32Array, channels: number): Float32Array {
  if (channels === 1) return values;
  const out = new Float32Array(values.length / channels);
  for (let i = 0; i < values.length; i++) out[Math.floor(i / channels)] += values[i];
  return out;
}

/** Runs `fn` on groups of at most `size` rows and writes its per-row outputs (rowLength each) in order. */
export function mapRows(count: number, size: number, rowLength: number, fn: (start: number, end: number) => Float32Array): Float32Array {
  if (!(size >= 1)) throw new Error(`mapRows: batch size must be ≥ 1, got ${size}`);
  const out = new Float32Array(count * rowLength);
  for (let start = 0; start < count; start += size) {
    const end = Math.min(count, start + size);
    const part = fn(start, end);
    if (part.length !== (end - start) * rowLength) throw new Error(`mapRows: expected ${(end - start) * rowLength} values for rows ${start}–${end - 1}, got ${part.length}`);
    out.set(part, start * rowLength);
  }
  return out;
}

/** Checks a method's inputs against the net's input and class count, naming the method and what is wrong. */
export function checkInput(method: string, { images, targets }: AttributionInput, input: ModelInput, classes: number): number {
  const n = targets.length;
  const size = imageValues(input);
  if (images.length !== n * size) throw new Error(`${method}: ${targets.length} targets need ${n} × ${size} pixel values (${input.height}×${input.width}×${input.channels}), got ${images.length}`);
  for (const t of targets) if (!Number.isInteger(t) || t < 0 || t >= classes) throw new Error(`${method}: target class ${t} is not one of 0–${classes - 1}`);
  return n;
}
