import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readTfjsModel } from '../../../pipeline/model/import/tfjsModel';
import { tinyWeights, writeTfjsModel } from './kerasFixtures';

const dir = mkdtempSync(join(tmpdir(), 'tfjs-test-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A fresh model.json + shard in its own folder, the JSON returned for editing. */
function fixture(name: string): { file: string; json: Record<string, any> } {
  const file = writeTfjsModel(join(dir, name));
  return { file, json: JSON.parse(readFileSync(file, 'utf8')) };
}

describe('readTfjsModel', () => {
  it('reads the topology\'s model_config, the shard\'s weights grouped by layer, and the converter fields', () => {
    const { file, json } = fixture('ok');
    const c = readTfjsModel(json, file, true);
    expect(c).toMatchObject({ format: 'tfjs', kerasVersion: '2.10.0', generatedBy: 'keras v2.10.0; TensorFlow.js Converter v4.22.0' });
    expect((c.modelConfig as { class_name: string }).class_name).toBe('Sequential');
    expect(c.weights!.get('dense')!.map((w) => w.name)).toEqual(['dense/kernel', 'dense/bias']);
    expect(Array.from(c.weights!.get('dense')![0].values)).toEqual(Array.from(tinyWeights().dense[0].values));
    expect(c.shards).toHaveLength(1);
  });

  it('reads a topology saved by tfjs itself ({class_name, config} without model_config)', () => {
    const { file, json } = fixture('tfjs-saved');
    json.modelTopology = json.modelTopology.model_config;
    expect((readTfjsModel(json, file, false).modelConfig as { class_name: string }).class_name).toBe('Sequential');
  });

  it('refuses a missing shard, naming it and where it was looked for', () => {
    const { file, json } = fixture('missing');
    json.weightsManifest[0].paths = ['group1-shard9of9.bin'];
    expect(() => readTfjsModel(json, file, true)).toThrow(/weight shard group1-shard9of9\.bin is missing \(looked for .*missing/);
  });

  it('refuses a shard path leaving the model\'s folder', () => {
    const { file, json } = fixture('escape');
    json.weightsManifest[0].paths = ['../ok/group1-shard1of1.bin'];
    expect(() => readTfjsModel(json, file, true)).toThrow(/is not a file name beside model\.json/);
  });

  it('refuses a truncated shard', () => {
    const { file, json } = fixture('short');
    const shard = join(dir, 'short', 'group1-shard1of1.bin');
    writeFileSync(shard, readFileSync(shard).subarray(0, 40));
    expect(() => readTfjsModel(json, file, true)).toThrow(/hold 40 bytes, fewer than the \d+ its weights need; a shard is truncated/);
  });

  it('refuses quantized weights and a model.json without weights when weights are needed', () => {
    const { file, json } = fixture('quant');
    json.weightsManifest[0].weights[0].quantization = { dtype: 'uint8', scale: 1, min: 0 };
    expect(() => readTfjsModel(json, file, true)).toThrow(/weight conv2d\/kernel is quantized/);
    delete json.weightsManifest;
    expect(() => readTfjsModel(json, file, true)).toThrow(/lists no weights .*--architecture/);
    expect(readTfjsModel(json, file, false).weights).toBeNull();
  });

  it('refuses a graph model (no modelTopology)', () => {
    expect(() => readTfjsModel({ format: 'graph-model', modelTopology: null } as never, 'g/model.json', false)).toThrow(/g\/model\.json has no modelTopology/);
  });
});
