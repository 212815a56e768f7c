import { unzipSync, type UnzipFileInfo } from 'fflate';
import { readKerasWeights } from './kerasWeightsH5';
import { parseJson, type ModelFileContents } from './modelFileContents';
import { ModelFileError, isObject } from './modelFileError';
import { crc32, declaredCrcs } from './zipCrc';

/** No entry of a model archive may declare more than this (a small CNN's weights are a few MB). */
export const MAX_ENTRY_BYTES = 512 * 1024 * 1024;
/** Above this declared total, a compression ratio beyond MAX_RATIO is taken for a zip bomb. */
const RATIO_FLOOR_BYTES = 16 * 1024 * 1024;
export const MAX_RATIO = 200;

const CONFIG = 'config.json';
const METADATA = 'metadata.json';
const WEIGHTS = 'model.weights.h5';

/**
 * The declared sizes of every entry, read from the central directory without inflating anything,
 * and refused when absurd; then only the entries needed are inflated.
 */
function unzipChecked(bytes: Uint8Array, file: string, required: string[], optional: string[]): Record<string, Uint8Array> {
  const entries: UnzipFileInfo[] = [];
  const damaged = (err: unknown) => new ModelFileError(`${file} is not a readable zip archive (${(err as Error).message}); a .keras file is a zip written by model.save('model.keras'). Copy it again from where it was saved.`);
  try {
    unzipSync(bytes, { filter: (info) => (entries.push(info), false) });
  } catch (err) {
    throw damaged(err);
  }
  let declared = 0;
  let compressed = 0;
  for (const e of entries) {
    if (e.originalSize > MAX_ENTRY_BYTES) {
      throw new ModelFileError(`${file}: zip entry ${e.name} declares ${e.originalSize} bytes unpacked, more than the ${MAX_ENTRY_BYTES} a model file may hold; refused before unpacking (a damaged file or a zip bomb).`);
    }
    declared += e.originalSize;
    compressed += e.size;
  }
  if (declared > RATIO_FLOOR_BYTES && declared > MAX_RATIO * Math.max(compressed, 1)) {
    throw new ModelFileError(`${file}: the archive declares ${declared} bytes unpacked from ${compressed} packed (more than ${MAX_RATIO}:1); refused before unpacking (a zip bomb or a damaged file).`);
  }
  const names = new Set(entries.map((e) => e.name));
  for (const name of required) {
    if (!names.has(name)) {
      throw new ModelFileError(`${file} has no ${name} (it holds: ${[...names].join(', ') || 'nothing'}); a Keras 3 .keras file holds config.json, metadata.json and model.weights.h5. Save the trained model with model.save('model.keras').`);
    }
  }
  const wanted = [...required, ...optional.filter((n) => names.has(n))];
  let out: Record<string, Uint8Array>;
  try {
    out = unzipSync(bytes, { filter: (info) => wanted.includes(info.name) });
  } catch (err) {
    throw new ModelFileError(`${file}: a zip entry is corrupt and cannot be unpacked (${(err as Error).message}); copy the file again from where it was saved.`);
  }
  const crcs = declaredCrcs(bytes);
  for (const e of entries.filter((x) => wanted.includes(x.name))) {
    if (out[e.name]?.length !== e.originalSize) {
      throw new ModelFileError(`${file}: zip entry ${e.name} is corrupt: it unpacked to ${out[e.name]?.length ?? 0} bytes, not the ${e.originalSize} it declares. Copy the file again from where it was saved.`);
    }
    const crc = crcs.get(e.name);
    if (crc !== undefined && crc32(out[e.name]) !== crc) {
      throw new ModelFileError(`${file}: zip entry ${e.name} is corrupt: its CRC-32 does not match the one the archive declares. Copy the file again from where it was saved.`);
    }
  }
  return out;
}

const text = (b: Uint8Array) => new TextDecoder().decode(b);

/** Reads a Keras 3 `.keras` archive: config.json, metadata.json (keras_version) and, with weights, model.weights.h5. */
export async function readKerasZip(bytes: Uint8Array, file: string, withWeights: boolean): Promise<ModelFileContents> {
  const entries = unzipChecked(bytes, file, withWeights ? [CONFIG, WEIGHTS] : [CONFIG], [METADATA]);
  const config = parseJson(text(entries[CONFIG]), `${file}: ${CONFIG}`);
  const metadata = entries[METADATA] ? parseJson(text(entries[METADATA]), `${file}: ${METADATA}`) : null;
  return {
    format: 'keras',
    modelConfig: config,
    kerasVersion: isObject(metadata) && typeof metadata.keras_version === 'string' ? metadata.keras_version : null,
    generatedBy: null,
    training: isObject(config) ? config.compile_config ?? null : null,
    weights: withWeights ? await readKerasWeights(entries[WEIGHTS], `${file}: ${WEIGHTS}`) : null,
  };
}
