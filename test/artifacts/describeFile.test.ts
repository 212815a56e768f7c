import { createHash } from 'node:crypto';
import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { describeFile } from '../../pipeline/artifacts/describeFile';

async function nestedFile() {
  const root = await mkdtemp(path.join(tmpdir(), 'describe-'));
  await mkdir(path.join(root, 'layers', 'conv1'), { recursive: true });
  await writeFile(path.join(root, 'layers', 'conv1', 'grid.png'), 'png bytes');
  return { root, rel: path.join('layers', 'conv1', 'grid.png') };
}

describe('describeFile', () => {
  it('gives a nested file its forward-slash path, kind, size and SHA-256, and no meta when none is given', async () => {
    const { root, rel } = await nestedFile();
    expect(await describeFile(root, rel, 'layer-grid')).toStrictEqual({
      path: 'layers/conv1/grid.png',
      kind: 'layer-grid',
      bytes: 9,
      sha256: createHash('sha256').update('png bytes').digest('hex'),
    });
  });

  it('carries the meta it is given into the entry', async () => {
    const { root, rel } = await nestedFile();
    expect((await describeFile(root, rel, 'layer-grid', { layer: 'conv1', channels: 8 })).meta).toEqual({ layer: 'conv1', channels: 8 });
  });
});
