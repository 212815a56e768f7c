import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import h5wasm from 'h5wasm/node';
import { afterAll, describe, expect, it } from 'vitest';
import { readKerasWeights } from '../../../pipeline/model/import/kerasWeightsH5';

const dir = mkdtempSync(join(tmpdir(), 'kweights-test-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A weights file with `top` as the group of layers and `count` variables in one layer. */
async function weightsFile(name: string, top: string, count: number): Promise<Uint8Array> {
  await h5wasm.ready;
  const path = join(dir, name);
  const f = new h5wasm.File(path, 'w');
  const vars = f.create_group(top).create_group('dense').create_group('vars');
  for (let i = 0; i < count; i++) vars.create_dataset({ name: String(i), data: new Float32Array([i]), shape: [1], dtype: '<f' });
  f.create_group('optimizer').create_group('vars').create_dataset({ name: '0', data: new Float32Array([99]), shape: [1], dtype: '<f' });
  f.close();
  return readFileSync(path);
}

describe('readKerasWeights', () => {
  it('reads layers/<layer>/vars/<i> in numeric order (vars/10 after vars/2), skipping optimizer state', async () => {
    const w = await readKerasWeights(await weightsFile('a.h5', 'layers', 12), 'a.keras: model.weights.h5');
    expect([...w.keys()]).toEqual(['dense']);
    expect(w.get('dense')!.map((x) => x.values[0])).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]);
    expect(w.get('dense')![10].name).toBe('layers/dense/vars/10');
  });

  it('reads the _layer_checkpoint_dependencies group tf.keras 2.13-2.15 wrote', async () => {
    const w = await readKerasWeights(await weightsFile('b.h5', '_layer_checkpoint_dependencies', 2), 'b.keras');
    expect(w.get('dense')).toHaveLength(2);
  });

  it('refuses a weights file with no layers group', async () => {
    await h5wasm.ready;
    const f = new h5wasm.File(join(dir, 'c.h5'), 'w');
    f.create_group('something');
    f.close();
    await expect(readKerasWeights(readFileSync(join(dir, 'c.h5')), 'c.keras: model.weights.h5')).rejects.toThrow(/c\.keras: model\.weights\.h5 has no "layers" group/);
  });
});
