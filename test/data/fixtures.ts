import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createHash } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import { encodeIdxImages, encodeIdxLabels } from '../../pipeline/data/idx';

/**
 * Writes a tiny MNIST-format folder: each image is a bright square whose position depends on its
 * label, so a CNN can learn it in a few steps. Optionally gzipped (name.gz), and optionally with a SHA256SUMS
 * file listing the files as written, as `sha256sum * > SHA256SUMS` would.
 */
export async function writeTinyIdxFolder(opts: { train: number; test: number; withSums?: boolean; gzip?: boolean; seed?: number }): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), 'idx-'));
  let s = opts.seed ?? 1;
  const rand = () => ((s = (s * 1103515245 + 12345) >>> 0) / 2 ** 32);
  const make = (n: number) => {
    const labels = Uint8Array.from({ length: n }, (_, i) => i % 10);
    const pixels = new Uint8Array(n * 784);
    labels.forEach((label, i) => {
      const row = 2 + Math.floor(label / 5) * 12 + Math.floor(rand() * 3);
      const col = 2 + (label % 5) * 5 + Math.floor(rand() * 2);
      for (let y = row; y < row + 8; y++) for (let x = col; x < col + 4; x++) pixels[i * 784 + y * 28 + x] = 200 + Math.floor(rand() * 55);
    });
    return { images: encodeIdxImages(pixels, n, 28, 28), labels: encodeIdxLabels(labels) };
  };
  const train = make(opts.train);
  const test = make(opts.test);
  const files: Record<string, Uint8Array> = {
    'train-images-idx3-ubyte': train.images,
    'train-labels-idx1-ubyte': train.labels,
    't10k-images-idx3-ubyte': test.images,
    't10k-labels-idx1-ubyte': test.labels,
  };
  const sums: string[] = [];
  for (const [plainName, plain] of Object.entries(files)) {
    const [name, bytes] = opts.gzip ? [`${plainName}.gz`, gzipSync(plain)] : [plainName, plain];
    await writeFile(path.join(dir, name), bytes);
    sums.push(`${createHash('sha256').update(bytes).digest('hex')}  ${name}`);
  }
  if (opts.withSums) await writeFile(path.join(dir, 'SHA256SUMS'), sums.join('\n') + '\n');
  return dir;
}
