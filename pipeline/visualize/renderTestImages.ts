// The test set as small binary shards (TEST_IMAGES_PER_SHARD images each) for the live explorer's "start from test image N": the
// browser fetches only the shard that holds N. Each record is the label byte, then the image's
// height × width × channels pixel bytes (round(x · 255): for MNIST the IDX bytes themselves, so
// k/255 in the browser is the pipeline's input; 784 bytes for the tutorial, 3072 for 32×32 colour,
// channels last as the network takes them).
import { TEST_IMAGES_PER_SHARD, testImageRecord, testImageShardPath } from '../../shared/mnist/testImageShards';
import type { ArtifactFile } from '../artifacts/types';
import { inputSize, type ModelInput } from '../model/description';
import type { WriteArtifact } from './writeArtifact';

export async function renderTestImages(test: { images: Float32Array; labels: Int32Array; count: number }, input: ModelInput, write: WriteArtifact): Promise<ArtifactFile[]> {
  const pixels = inputSize(input);
  const TEST_IMAGE_RECORD = testImageRecord(pixels);
  const files: ArtifactFile[] = [];
  for (let first = 0; first < test.count; first += TEST_IMAGES_PER_SHARD) {
    const count = Math.min(TEST_IMAGES_PER_SHARD, test.count - first);
    const bytes = new Uint8Array(count * TEST_IMAGE_RECORD);
    for (let i = 0; i < count; i++) {
      const o = i * TEST_IMAGE_RECORD;
      bytes[o] = test.labels[first + i];
      const image = test.images.subarray((first + i) * pixels, (first + i + 1) * pixels);
      for (let p = 0; p < pixels; p++) bytes[o + 1 + p] = Math.round(image[p] * 255);
    }
    files.push(await write(testImageShardPath(first), bytes, 'test-images', { first, count, record: TEST_IMAGE_RECORD, shape: [input.height, input.width, input.channels] }));
  }
  return files;
}
