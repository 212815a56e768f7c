// Where test image N lives among the shards pipeline/visualize/renderTestImages.ts writes, and how
// to read one record back. Shared so the writer and the browser cannot disagree on the layout.
import { MNIST_SIZE } from './preprocess';

// 50 images (39 kB) per shard: the explore page loads one, and its weight budget is tight.
export const TEST_IMAGES_PER_SHARD = 50;
/** One label byte, then 28×28 pixel bytes. */
export const TEST_IMAGE_RECORD = 1 + MNIST_SIZE * MNIST_SIZE;

/** Path of the shard holding image `index`, relative to the artifacts folder. */
export function testImageShardPath(index: number): string {
  const first = index - (index % TEST_IMAGES_PER_SHARD);
  return `visuals/test-images/s${String(first).padStart(5, '0')}.u8`;
}

/** Label and 0–1 pixels (k / 255, as the pipeline feeds the network) of image `index` from its shard's bytes. */
export function readTestImage(shard: Uint8Array, index: number): { label: number; pixels: Float32Array } {
  const o = (index % TEST_IMAGES_PER_SHARD) * TEST_IMAGE_RECORD;
  if (o + TEST_IMAGE_RECORD > shard.length) throw new Error(`test image ${index} is not in its shard (${shard.length} bytes)`);
  const pixels = new Float32Array(MNIST_SIZE * MNIST_SIZE);
  for (let p = 0; p < pixels.length; p++) pixels[p] = shard[o + 1 + p] / 255;
  return { label: shard[o], pixels };
}
