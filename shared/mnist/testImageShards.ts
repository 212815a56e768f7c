// Where test image N lives among the shards pipeline/visualize/renderTestImages.ts writes, and how
// to read one record back. Shared so the writer and the browser cannot disagree on the layout.
import { MNIST_SIZE } from './preprocess';

// 50 images (39 kB) per shard: the explore page loads one, and its weight budget is tight.
export const TEST_IMAGES_PER_SHARD = 50;
/** One label byte, then 28×28 pixel bytes (the tutorial's record; see testImageRecord for any input). */
export const TEST_IMAGE_RECORD = 1 + MNIST_SIZE * MNIST_SIZE;

/** Bytes of one record for images of `imageValues` pixel values (height × width × channels of the model's input). */
export const testImageRecord = (imageValues: number) => 1 + imageValues;

/** Path of the shard holding image `index`, relative to the artifacts folder. */
export function testImageShardPath(index: number): string {
  const first = index - (index % TEST_IMAGES_PER_SHARD);
  return `visuals/test-images/s${String(first).padStart(5, '0')}.u8`;
}

/**
 * Label and 0–1 pixels (k / 255, as the pipeline feeds the network) of image `index` from its shard's
 * bytes; `imageValues` is height × width × channels of the model's input (784 for the tutorial).
 */
export function readTestImage(shard: Uint8Array, index: number, imageValues = MNIST_SIZE * MNIST_SIZE): { label: number; pixels: Float32Array } {
  const record = testImageRecord(imageValues);
  const o = (index % TEST_IMAGES_PER_SHARD) * record;
  if (o + record > shard.length) throw new Error(`test image ${index} is not in its shard (${shard.length} bytes)`);
  const pixels = new Float32Array(imageValues);
  for (let p = 0; p < pixels.length; p++) pixels[p] = shard[o + 1 + p] / 255;
  return { label: shard[o], pixels };
}
