import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { checkHdf5Bytes, stringListAttr, withHdf5, type H5Group } from '../../../pipeline/model/import/hdf5';
import { ModelFileError } from '../../../pipeline/model/import/modelFileError';
import { writeLegacyH5 } from './kerasFixtures';
import h5wasm from 'h5wasm/node';

const dir = mkdtempSync(join(tmpdir(), 'hdf5-test-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const message = (f: () => void) => {
  try {
    f();
  } catch (e) {
    expect(e).toBeInstanceOf(ModelFileError);
    return (e as Error).message;
  }
  throw new Error('expected a refusal');
};

describe('checkHdf5Bytes', () => {
  it('accepts a whole HDF5 file', async () => {
    await writeLegacyH5(join(dir, 'ok.h5'));
    expect(() => checkHdf5Bytes(readFileSync(join(dir, 'ok.h5')), 'ok.h5')).not.toThrow();
  });

  it('refuses bytes without the HDF5 signature', () => {
    expect(message(() => checkHdf5Bytes(new TextEncoder().encode('PK\x03\x04 a zip, not HDF5'), 'x.h5'))).toMatch(/x\.h5 is not an HDF5 file \(no HDF5 signature\)/);
  });

  it('refuses a file cut short, from the end-of-file address its superblock records', async () => {
    await writeLegacyH5(join(dir, 'whole.h5'));
    const bytes = readFileSync(join(dir, 'whole.h5'));
    expect(message(() => checkHdf5Bytes(bytes.subarray(0, bytes.length - 100), 'cut.h5'))).toMatch(new RegExp(`cut\\.h5 is truncated: HDF5 records ${bytes.length} bytes, the file has ${bytes.length - 100}`));
  });

  it('refuses a file cut inside its superblock', () => {
    const sig = Uint8Array.from([0x89, 0x48, 0x44, 0x46, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0]);
    expect(message(() => checkHdf5Bytes(sig, 'tiny.h5'))).toMatch(/tiny\.h5 is truncated or damaged/);
  });
});

describe('stringListAttr', () => {
  it('joins Keras\'s chunked attributes (layer_names0, layer_names1, …) in order', async () => {
    await h5wasm.ready;
    const path = join(dir, 'chunks.h5');
    const f = new h5wasm.File(path, 'w');
    f.create_attribute('layer_names0', ['a', 'b']);
    f.create_attribute('layer_names1', ['c']);
    f.close();
    const names = await withHdf5(readFileSync(path), 'chunks.h5', (h) => stringListAttr(h as unknown as H5Group, 'layer_names'));
    expect(names).toEqual(['a', 'b', 'c']);
  });
});
