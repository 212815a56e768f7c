// Attribution methods work on many images at once; these helpers cut the work into batches that
// fit in memory and gather the results, so each method reads as the maths for one batch.

export const PIXELS = 28 * 28;

/** A method's inputs: n images of 28 × 28 (values 0–1) and the class each map explains. */
export interface AttributionInput {
  images: Float32Array; // n × 784
  targets: Int32Array; // n
}

/** Rows [start, end) of a batch input. */
export function sliceInput({ images, targets }: AttributionInput, start: number, end: number): AttributionInput {
  return { images: images.subarray(start * PIXELS, end * PIXELS), targets: targets.subarray(start, end) };
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

/** Checks a method's inputs, naming the method and what is wrong. */
export function checkInput(method: string, { images, targets }: AttributionInput, classes = 10): number {
  const n = targets.length;
  if (images.length !== n * PIXELS) throw new Error(`${method}: ${targets.length} targets need ${n} × 784 pixel values, got ${images.length}`);
  for (const t of targets) if (!Number.isInteger(t) || t < 0 || t >= classes) throw new Error(`${method}: target class ${t} is not one of 0–${classes - 1}`);
  return n;
}
