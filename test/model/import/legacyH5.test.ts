import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import h5wasm from 'h5wasm/node';
import { afterAll, describe, expect, it } from 'vitest';
import { readLegacyH5 } from '../../../pipeline/model/import/legacyH5';
import { ModelFileError } from '../../../pipeline/model/import/modelFileError';
import { tinyWeights, writeLegacyH5 } from './kerasFixtures';

const dir = mkdtempSync(join(tmpdir(), 'legacy-test-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const bytesOf = (name: string) => readFileSync(join(dir, name));

describe('readLegacyH5', () => {
  it('reads model_config, keras_version, training_config and each layer\'s weights in weight_names order', async () => {
    await writeLegacyH5(join(dir, 'a.h5'));
    const c = await readLegacyH5(bytesOf('a.h5'), 'a.h5', true);
    expect(c).toMatchObject({ format: 'h5', kerasVersion: '2.10.0', training: { loss: 'categorical_crossentropy' } });
    expect([...c.weights!.keys()]).toEqual(['conv2d', 'max_pooling2d', 'flatten', 'dense']);
    const conv = c.weights!.get('conv2d')!;
    expect(conv.map((w) => [w.name, w.shape])).toEqual([['conv2d/kernel:0', [3, 3, 1, 2]], ['conv2d/bias:0', [2]]]);
    expect(Array.from(conv[0].values)).toEqual(Array.from(tinyWeights().conv2d[0].values));
    expect(c.weights!.get('flatten')).toEqual([]);
  });

  it('refuses a weights-only file (save_weights / ModelCheckpoint) and says how to save the whole model', async () => {
    await h5wasm.ready;
    const f = new h5wasm.File(join(dir, 'best_weights.hdf5'), 'w');
    f.create_attribute('layer_names', ['conv2d']);
    f.create_attribute('keras_version', '2.10.0');
    f.close();
    const err = await readLegacyH5(bytesOf('best_weights.hdf5'), 'best_weights.hdf5', true).catch((e: Error) => e);
    expect(err).toBeInstanceOf(ModelFileError);
    expect((err as Error).message).toMatch(/best_weights\.hdf5 holds weights only .*model\.save\('model\.h5'\)/);
  });

  it('refuses a model file without model_weights when weights are needed, but reads its configuration alone', async () => {
    await writeLegacyH5(join(dir, 'arch.h5'), { noWeightsGroup: true });
    await expect(readLegacyH5(bytesOf('arch.h5'), 'arch.h5', true)).rejects.toThrow(/arch\.h5 has a model configuration but no model_weights group/);
    expect((await readLegacyH5(bytesOf('arch.h5'), 'arch.h5', false)).weights).toBeNull();
  });

  it('refuses a layer whose weight_names point to no dataset', async () => {
    await writeLegacyH5(join(dir, 'dangling.h5'), { weights: { conv2d: [] } });
    const f = new h5wasm.File(join(dir, 'dangling.h5'), 'a');
    const group = f.get('model_weights/conv2d') as InstanceType<typeof h5wasm.Group>;
    group.delete_attribute('weight_names');
    group.create_attribute('weight_names', ['conv2d/kernel:0']);
    f.close();
    await expect(readLegacyH5(bytesOf('dangling.h5'), 'dangling.h5', true)).rejects.toThrow(/dangling\.h5: layer "conv2d" lists weight "conv2d\/kernel:0" but the file has no such dataset/);
  });
});
