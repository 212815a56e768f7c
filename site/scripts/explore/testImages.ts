// "Start from test image N": fetches the shard that holds N, once. Records hold the model's input as it
// is (height × width × channels bytes: any size, grey or colour), so the image goes to the model unchanged.
import { readTestImage, testImageShardPath } from '../../../shared/mnist/testImageShards';

export type TestImages = (index: number) => Promise<{ label: number; pixels: Float32Array }>;

/** `imageValues`: height × width × channels of the model's input, the size of each record's image. */
export function testImageLoader(artifactsUrl: string, imageValues: number): TestImages {
  const shards = new Map<string, Promise<Uint8Array>>();
  return async (index) => {
    const url = artifactsUrl + testImageShardPath(index);
    let shard = shards.get(url);
    if (!shard) {
      shard = fetch(url).then(async (r) => (r.ok ? new Uint8Array(await r.arrayBuffer()) : Promise.reject(new Error(`${url}: HTTP ${r.status}`))));
      shards.set(url, shard);
      shard.catch(() => shards.delete(url));
    }
    return readTestImage(await shard, index, imageValues);
  };
}
