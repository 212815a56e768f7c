import { describe, expect, it } from 'vitest';
import { strToU8, zipSync } from 'fflate';
import { MAX_ENTRY_BYTES, readKerasZip } from '../../../pipeline/model/import/kerasZip';
import { ModelFileError } from '../../../pipeline/model/import/modelFileError';
import { KERAS3_METADATA, keras3Config, kerasZip } from './kerasFixtures';

const refusal = async (p: Promise<unknown>): Promise<string> => {
  const err = await p.then(() => null, (e: unknown) => e);
  expect(err).toBeInstanceOf(ModelFileError);
  return (err as Error).message;
};

/** Offsets of every central-directory header (PK\x01\x02) in a zip. */
function centralHeaders(zip: Uint8Array): number[] {
  const at: number[] = [];
  for (let i = 0; i + 4 <= zip.length; i++) if (zip[i] === 0x50 && zip[i + 1] === 0x4b && zip[i + 2] === 1 && zip[i + 3] === 2) at.push(i);
  return at;
}

const configOnly = () => kerasZip({ 'config.json': JSON.stringify(keras3Config()), 'metadata.json': KERAS3_METADATA });

describe('readKerasZip', () => {
  it('reads config.json and keras_version from metadata.json, and the compile config as the training record', async () => {
    const c = await readKerasZip(configOnly(), 'a.keras', false);
    expect(c).toMatchObject({ format: 'keras', kerasVersion: '3.14.0', weights: null });
    expect((c.modelConfig as { class_name: string }).class_name).toBe('Sequential');
    expect(c.training).toMatchObject({ loss: 'sparse_categorical_crossentropy' });
  });

  it('records no Keras version when metadata.json is absent', async () => {
    const c = await readKerasZip(kerasZip({ 'config.json': JSON.stringify(keras3Config()) }), 'a.keras', false);
    expect(c.kerasVersion).toBeNull();
  });

  it('refuses an archive without model.weights.h5 when weights are needed, listing what it holds', async () => {
    expect(await refusal(readKerasZip(configOnly(), 'a.keras', true))).toMatch(/a\.keras has no model\.weights\.h5 \(it holds: config\.json, metadata\.json\)/);
  });

  it('refuses an entry declaring an absurd unpacked size before unpacking anything', async () => {
    const zip = configOnly();
    const [first] = centralHeaders(zip);
    // The central directory's "uncompressed size" field (offset 24) claims ~4 GB.
    new DataView(zip.buffer, zip.byteOffset).setUint32(first + 24, 0xfffffff0, true);
    const msg = await refusal(readKerasZip(zip, 'bomb.keras', false));
    expect(msg).toMatch(new RegExp(`bomb\\.keras: zip entry config\\.json declares ${0xfffffff0} bytes unpacked, more than the ${MAX_ENTRY_BYTES}`));
    expect(msg).toMatch(/refused before unpacking/);
  });

  it('refuses a total compression ratio beyond 200:1 over many megabytes (a zip bomb)', async () => {
    const zeros = new Uint8Array(40 * 1024 * 1024);
    const zip = zipSync({ 'config.json': strToU8(JSON.stringify(keras3Config())), 'model.weights.h5': zeros }, { level: 9 });
    expect(await refusal(readKerasZip(zip, 'zeros.keras', true))).toMatch(/zeros\.keras: the archive declares \d+ bytes unpacked from \d+ packed \(more than 200:1\)/);
  });

  it('refuses a corrupt entry whose packed bytes were damaged', async () => {
    const text = JSON.stringify(keras3Config());
    const zip = zipSync({ 'config.json': strToU8(text) }, { level: 0 });
    // Stored (level 0): change one byte of the entry's data; only the CRC can tell.
    const at = zip.indexOf(0x7b); // the first '{' of the JSON
    zip[at + 10] ^= 0x01;
    expect(await refusal(readKerasZip(zip, 'bad.keras', false))).toMatch(/bad\.keras: zip entry config\.json is corrupt: its CRC-32 does not match/);
  });

  it('refuses a deflated entry that cannot be unpacked', async () => {
    const zip = zipSync({ 'config.json': strToU8(JSON.stringify(keras3Config())) }, { level: 6 });
    for (let i = 40; i < 60; i++) zip[i] = 0xff;
    expect(await refusal(readKerasZip(zip, 'bad.keras', false))).toMatch(/bad\.keras: .*corrupt/);
  });

  it('refuses bytes that are not a zip at all', async () => {
    expect(await refusal(readKerasZip(strToU8('not a zip file'), 'text.keras', false))).toMatch(/text\.keras is not a readable zip archive/);
  });
});
