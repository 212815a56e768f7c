import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SCHEMA_VERSION } from '../../pipeline/artifacts/types';
import { layerStatsDocument } from '../../site/lib/artifacts/layerStatsDocument';
import {
  ArtifactsError, channelImages, explainImages, listedFile, loadArtifacts, readManifest, referencedImages, resolveArtifactsDir, RUN_PIPELINE_HINT,
} from '../../site/lib/artifacts/load';
import { pngSize } from '../../site/lib/artifacts/pngSize';
import { hasTimelapse, loadTimelapse, timelapseImages } from '../../site/lib/artifacts/timelapse';
import { makeFakeArtifacts } from './helpers';
import { sharedFakeArtifacts, type FakeArtifacts } from './sharedFakeArtifacts';

describe('artifact loaders', () => {
  it('resolve ARTIFACTS_DIR against the project root, defaulting to artifacts/', () => {
    expect(resolveArtifactsDir({}, '/p')).toBe('/p/artifacts');
    expect(resolveArtifactsDir({ ARTIFACTS_DIR: 'tmp/a' }, '/p')).toBe('/p/tmp/a');
    expect(resolveArtifactsDir({ ARTIFACTS_DIR: '/abs' }, '/p')).toBe('/abs');
  });

  it('tell the reader to run the pipeline when the manifest is missing', () => {
    expect(() => readManifest('/nonexistent/artifacts')).toThrow(/No artifacts manifest at \/nonexistent\/artifacts\/manifest.json\. Run `npm run pipeline`/);
  });

  it('load every listed file of a complete folder', async () => {
    const fake = await makeFakeArtifacts();
    try {
      const a = loadArtifacts(fake.dir);
      expect(a.summary.totalParams).toBe(110474);
      expect(a.visuals.samples[0]?.index).toBe(51);
      expect(a.layerStats('conv2d_1', 51)).toHaveLength(64);
      expect(a.probabilities(51)).toHaveLength(10);
      expect(a.imageSize('visuals/input/sample-51.png')).toEqual({ width: 56, height: 56 });
      // samples, grids, the filter grid, gallery, misclassified, and one strip per class for the data's description
      expect(referencedImages(a.visuals).length).toBe(11 + 88 + 1 + 24 + 3 + 10);
    } finally {
      await fake.cleanup();
    }
  });

  it('name a file that is listed but missing', async () => {
    const fake = await makeFakeArtifacts({ omit: ['summary.json'] });
    try {
      expect(() => loadArtifacts(fake.dir)).toThrow(/summary\.json is listed in the manifest but missing\. Run `npm run pipeline`/);
    } finally {
      await fake.cleanup();
    }
  });

  it('name the file and field that break the contract', async () => {
    const fake = await makeFakeArtifacts();
    try {
      const file = path.join(fake.dir, 'history.json');
      const history = JSON.parse(readFileSync(file, 'utf8'));
      delete history.epochs[0].valLoss;
      writeFileSync(file, JSON.stringify(history));
      expect(() => loadArtifacts(fake.dir)).toThrow(/history\.json does not match the artifact contract[\s\S]*epochs\.0\.valLoss: Required/);
    } finally {
      await fake.cleanup();
    }
  });

  it('compact layer stats for the zoom view, one entry per sample and channel', async () => {
    const fake = await makeFakeArtifacts();
    try {
      const doc = layerStatsDocument(loadArtifacts(fake.dir), 'conv2d');
      expect(Object.keys(doc.samples)).toHaveLength(11);
      expect(doc.samples['51']).toHaveLength(32);
      expect(doc.samples['51']?.[5]).toEqual([0, 0, 0, 1]);
    } finally {
      await fake.cleanup();
    }
  });

  it('read PNG sizes and reject other files', () => {
    const header = Buffer.from('89504e470d0a1a0a0000000d494844520000012c000000c8', 'hex');
    expect(pngSize(header)).toEqual({ width: 300, height: 200 });
    expect(() => pngSize(Buffer.from('GIF89a........................'), 'x.gif')).toThrow('x.gif is not a PNG file');
  });
});

describe('artifact loader errors and lookups', () => {
  let fake: { dir: string; cleanup: () => Promise<void> };
  beforeAll(async () => {
    fake = await sharedFakeArtifacts();
  });
  const copies: string[] = [];
  afterAll(async () => {
    for (const dir of copies) rmSync(dir, { recursive: true, force: true });
    await fake.cleanup();
  });
  const tempDir = (): string => {
    const dir = mkdtempSync(path.join(tmpdir(), 'site-artifacts-copy-'));
    copies.push(dir);
    return dir;
  };

  /** A copy of the fake folder with one JSON file changed by `edit`. */
  const withEdited = (rel: string, edit: (value: any) => unknown): string => {
    const dir = tempDir();
    cpSync(fake.dir, dir, { recursive: true });
    const file = path.join(dir, rel);
    writeFileSync(file, JSON.stringify(edit(JSON.parse(readFileSync(file, 'utf8')))));
    return dir;
  };
  const thrown = (f: () => unknown): Error => {
    try {
      f();
    } catch (e) {
      return e as Error;
    }
    throw new Error('expected an error');
  };

  it('are ArtifactsErrors that end with how to create the artifacts', () => {
    const error = thrown(() => readManifest('/nonexistent/artifacts'));
    expect(error).toBeInstanceOf(ArtifactsError);
    expect(error.name).toBe('ArtifactsError');
    expect(error.message).toBe(`No artifacts manifest at /nonexistent/artifacts/manifest.json. ${RUN_PIPELINE_HINT}`);
    expect(RUN_PIPELINE_HINT).toBe('Run `npm run pipeline` (for a fast run: `npm run pipeline -- --preset quick`) to create it, or set ARTIFACTS_DIR to a folder that has one.');
  });

  it('say the manifest is not JSON, with the parser message', () => {
    const dir = tempDir();
    writeFileSync(path.join(dir, 'manifest.json'), '{ not json');
    expect(thrown(() => readManifest(dir)).message).toMatch(new RegExp(`^${path.join(dir, 'manifest.json')} is not valid JSON \\(.*JSON.*\\)\\. Run \`npm run pipeline\``));
  });

  it('give both schema versions when the manifest is from another pipeline version', () => {
    const dir = withEdited('manifest.json', (m) => ({ ...m, schemaVersion: SCHEMA_VERSION + 1 }));
    expect(thrown(() => readManifest(dir)).message).toBe(
      `${path.join(dir, 'manifest.json')} has schemaVersion ${SCHEMA_VERSION + 1}, the site expects ${SCHEMA_VERSION}. ${RUN_PIPELINE_HINT}`,
    );
  });

  it('list at most five contract violations, each with its field path, and (root) for the whole file', () => {
    const dir = withEdited('history.json', (h) => ({ ...h, epochs: h.epochs.map(() => ({})) }));
    const message = thrown(() => loadArtifacts(dir)).message;
    expect(message.split('\n').filter((l) => l.startsWith('  - '))).toEqual([
      '  - epochs.0.epoch: Required', '  - epochs.0.loss: Required', '  - epochs.0.accuracy: Required', '  - epochs.0.valLoss: Required', '  - epochs.0.valAccuracy: Required',
    ]);
    expect(message).toBe(`${path.join(dir, 'history.json')} does not match the artifact contract (pipeline/artifacts/types.ts):\n${message.split('\n').slice(1, 6).join('\n')}\n${RUN_PIPELINE_HINT}`);
    const root = withEdited('summary.json', () => []);
    expect(thrown(() => loadArtifacts(root)).message).toContain('\n  - (root): Expected object, received array\n');
  });

  // Row 14 of issue #22: an edited number in manifest.json used to be published beside a chart of the real one.
  it('refuse a metric in the manifest that differs from the file it comes from, naming the metric and both files', () => {
    const dir = withEdited('manifest.json', (m) => ({ ...m, metrics: { ...m.metrics, test_accuracy: 0.9999 } }));
    const manifestBytes = readFileSync(path.join(dir, 'manifest.json'));
    const error = thrown(() => loadArtifacts(dir));
    expect(error).toBeInstanceOf(ArtifactsError);
    expect(error.message).toBe(
      `${path.join(dir, 'manifest.json')}: metric test_accuracy does not match evaluation.json (test_accuracy is 0.9999 in manifest.json, 0.9876 in evaluation.json); the manifest was edited or damaged. ${RUN_PIPELINE_HINT}`,
    );
    expect(readFileSync(path.join(dir, 'manifest.json')).equals(manifestBytes)).toBe(true);
    const missing = withEdited('manifest.json', (m) => ({ ...m, metrics: { ...m.metrics, train_images: undefined } }));
    expect(thrown(() => loadArtifacts(missing)).message).toContain('metric train_images does not match data.json (train_images is missing in manifest.json, 2000 in data.json)');
  });

  // Row 9 of issue #22: the site reads the manifest with the pipeline's schema, so both reject the same shapes.
  it('name the field of a manifest of the wrong shape, as the pipeline does', () => {
    const nullManifest = withEdited('manifest.json', () => null);
    expect(thrown(() => readManifest(nullManifest)).message).toContain('  - (root): Expected object, received null');
    const nullEntry = withEdited('manifest.json', (m) => ({ ...m, files: [m.files[0], null] }));
    expect(thrown(() => readManifest(nullEntry)).message).toContain('  - files.1: Expected object, received null');
  });

  it('check the manifest config the site reads', () => {
    const dir = withEdited('manifest.json', (m) => ({ ...m, config: { ...m.config, seed: 'forty-two' } }));
    expect(thrown(() => readManifest(dir)).message).toContain('  - config.seed: Expected number, received string');
  });

  it('check the per-class figures, sample roles and filter norms the site reads', () => {
    const noRecall = withEdited('evaluation.json', (e) => ({ ...e, perClass: e.perClass.map(({ recall, ...rest }: { recall: number }) => rest) }));
    expect(thrown(() => loadArtifacts(noRecall)).message).toContain('  - perClass.0.recall: Required');
    const extra = withEdited('visuals.json', (v) => ({ ...v, samples: v.samples.map((s: object, i: number) => (i === 1 ? { ...s, role: 'extra' } : s)) }));
    expect(loadArtifacts(extra).visuals.samples[1]?.role).toBe('extra');
    const unknownRole = withEdited('visuals.json', (v) => ({ ...v, samples: v.samples.map((s: object) => ({ ...s, role: 'other' })) }));
    expect(thrown(() => loadArtifacts(unknownRole)).message).toContain("  - samples.0.role: Invalid enum value. Expected 'article' | 'digit' | 'extra', received 'other'");
    const noNorms = withEdited('visuals/filter-norms.json', (n) => ({ layers: n.layers.map(({ layer }: { layer: string }) => ({ layer })) }));
    expect(thrown(() => loadArtifacts(noNorms).filterNorms()).message).toContain('  - layers.0.norms: Required');
    expect(loadArtifacts(fake.dir).filterNorms().layers.map((l) => [l.layer, l.norms.length])).toEqual([['conv2d_1', 64], ['conv2d_2', 128]]);
  });

  // One field inside each nested object of the contract, so a schema that stopped checking that object fails.
  const nested: [file: string, field: string, read: (a: ReturnType<typeof loadArtifacts>) => unknown][] = [
    ['manifest.json', 'backend.threads', () => 0],
    ['manifest.json', 'data.trainCount', () => 0],
    ['manifest.json', 'data.files.0.checksumKnown', () => 0],
    ['summary.json', 'layers.0.params', () => 0],
    ['visuals.json', 'layers.0.rows', () => 0],
    ['visuals.json', 'gallery.0.top3.0.probability', () => 0],
    ['visuals/layers/conv2d/sample-51.json', 'stats.0.mean', (a) => a.layerStats('conv2d', 51)],
    ['explain/explain.json', 'settings.imageScale', (a) => a.explain()],
    ['explain/explain.json', 'settings.smoothGrad.samples', (a) => a.explain()],
    ['explain/explain.json', 'settings.integratedGradients.steps', (a) => a.explain()],
    ['explain/explain.json', 'settings.occlusion.patch', (a) => a.explain()],
    ['explain/explain.json', 'misclassified.total', (a) => a.explain()],
    ['explain/explain.json', 'completeness.max', (a) => a.explain()],
    ['explain/distributions.json', 'weights.0.count', (a) => a.distributions()],
    ['explain/distributions.json', 'weights.0.trainedStats.mean', (a) => a.distributions()],
    ['explain/distributions.json', 'activations.0.positive.start', (a) => a.distributions()],
    ['explain/embedding/embedding.json', 'umap.neighbors', (a) => a.embedding()],
    ['explain/embedding/embedding.json', 'pca.library', (a) => a.embedding()],
    ['explain/channels.json', 'ascent.steps', (a) => a.channels()],
    ['explain/channels.json', 'layers.0.field.size', (a) => a.channels()],
    ['explain/channels.json', 'layers.0.entries.0.examples.0.value', (a) => a.channels()],
  ];
  it.each(nested)('check %s down to %s', (file, field, read) => {
    const dir = withEdited(file, (value) => {
      const keys = field.split('.');
      const parent = keys.slice(0, -1).reduce((v, k) => v[k], value);
      parent[keys.at(-1)!] = null;
      return value;
    });
    expect(thrown(() => read(loadArtifacts(dir))).message).toContain(`\n  - ${field}: Expected `);
  });

  it('check the oneDNN details when the manifest has them', () => {
    const onednn = { version: '3.6', threading: 'omp', threads: 2, kernels: ['conv2d'] };
    const ok = withEdited('manifest.json', (m) => ({ ...m, backend: { ...m.backend, onednn } }));
    expect(readManifest(ok).backend.onednn).toEqual(onednn);
    const bad = withEdited('manifest.json', (m) => ({ ...m, backend: { ...m.backend, onednn: { ...onednn, threads: 'two' } } }));
    expect(thrown(() => readManifest(bad)).message).toContain('\n  - backend.onednn.threads: Expected number, received string');
  });

  it('name a file that is referenced but not listed, and a kind the manifest lacks', () => {
    const manifest = readManifest(fake.dir);
    expect(thrown(() => listedFile(manifest, fake.dir, 'visuals/nowhere.png')).message).toBe(
      `visuals/nowhere.png is referenced but not listed in ${path.join(fake.dir, 'manifest.json')}. ${RUN_PIPELINE_HINT}`,
    );
    const dir = withEdited('manifest.json', (m) => ({ ...m, files: m.files.filter((f: { kind: string }) => f.kind !== 'evaluation') }));
    expect(thrown(() => loadArtifacts(dir)).message).toBe(`${path.join(dir, 'manifest.json')} lists no file of kind "evaluation". ${RUN_PIPELINE_HINT}`);
  });

  it('name a listed JSON file that cannot be parsed', () => {
    const dir = tempDir();
    cpSync(fake.dir, dir, { recursive: true });
    writeFileSync(path.join(dir, 'summary.json'), '{');
    expect(thrown(() => loadArtifacts(dir)).message).toMatch(new RegExp(`^Cannot read ${path.join(dir, 'summary.json')}: .+\\. Run \`npm run pipeline\``));
  });

  it('read the layer stats of the grid for that layer and sample, and say when there is none', () => {
    const a = loadArtifacts(fake.dir);
    const file = (layer: string, sample: number) => JSON.parse(readFileSync(path.join(fake.dir, `visuals/layers/${layer}/sample-${sample}.json`), 'utf8')).stats;
    expect(a.layerStats('conv2d', 104)).toEqual(file('conv2d', 104));
    expect(a.layerStats('conv2d', 51)).toEqual(file('conv2d', 51));
    expect(a.layerStats('conv2d_2', 104)).toEqual(file('conv2d_2', 104));
    expect(a.layerStats('conv2d', 104)).toBe(a.layerStats('conv2d', 104)); // read once
    expect(thrown(() => a.layerStats('conv2d', 52)).message).toBe(`visuals.json has no grid for layer conv2d, sample 52. ${RUN_PIPELINE_HINT}`);
  });

  it('read probabilities as bytes / 255 for every row, and name the file and its row count outside them', () => {
    const a = loadArtifacts(fake.dir);
    const bytes = readFileSync(path.join(fake.dir, 'probabilities.u8'));
    for (const index of [0, 51, 999]) expect(a.probabilities(index)).toEqual(Array.from(bytes.subarray(index * 10, index * 10 + 10), (b) => b / 255));
    expect(a.probabilities(51)[3]).toBe(230 / 255);
    for (const index of [-1, 1000]) {
      expect(thrown(() => a.probabilities(index)).message).toBe(`Test image ${index} is outside probabilities.u8 (1000 rows of 10 classes).`);
    }
  });

  it('read each lazily loaded index once and keep it', () => {
    const a = loadArtifacts(fake.dir);
    expect(a.imageSize('visuals/filters.png')).toEqual({ width: 16 * 9 + 15, height: 19 });
    expect(a.imageSize('visuals/filters.png')).toBe(a.imageSize('visuals/filters.png'));
    expect(a.explain()).toBe(a.explain());
    expect(a.distributions().mostlyDead).toBe(0.9);
    expect(a.distributions()).toBe(a.distributions());
    expect(a.embedding()).toBe(a.embedding());
    expect(a.embedding().points).toHaveLength(a.embedding().index.count);
    expect(a.channels()).toBe(a.channels());
    expect(a.channels()?.layers.length).toBeGreaterThan(0);
  });

  it('name a listed file that is not a PNG when asked for its size', () => {
    expect(thrown(() => loadArtifacts(fake.dir).imageSize('history.json')).message).toBe(`${path.join(fake.dir, 'history.json')} is not a PNG file (bad signature).`);
  });

  it('say how many map points the file holds and how many embedding.json promises', () => {
    const dir = withEdited('explain/embedding/embedding.json', (e) => ({ ...e, count: e.count + 1 }));
    expect(thrown(() => loadArtifacts(dir).embedding()).message).toBe(
      `${path.join(dir, 'explain/embedding/points.u16')} holds 1000 points, explain/embedding/embedding.json says 1001. ${RUN_PIPELINE_HINT}`,
    );
  });

  it('check every image the explain index and the channel dictionary name', () => {
    const image = explainImages(loadArtifacts(fake.dir).explain()).at(-1)!;
    const noExplainImage = withEdited('manifest.json', (m) => ({ ...m, files: m.files.filter((f: { path: string }) => f.path !== image) }));
    expect(thrown(() => loadArtifacts(noExplainImage).explain()).message).toContain(`${image} is referenced but not listed`);
    const strip = channelImages(loadArtifacts(fake.dir).channels()!)[0]!;
    const noStrip = withEdited('manifest.json', (m) => ({ ...m, files: m.files.filter((f: { path: string }) => f.path !== strip) }));
    expect(thrown(() => loadArtifacts(noStrip).channels()).message).toContain(`${strip} is referenced but not listed`);
    const index = loadArtifacts(fake.dir).channels()!;
    const entry = index.layers.flatMap((l) => l.entries).find((e) => e.kernel)!;
    for (const image of [entry.optimised.image, entry.kernel!.image, index.classes[0]!.image]) {
      expect(channelImages(index)).toContain(image);
      const unlisted = withEdited('manifest.json', (m) => ({ ...m, files: m.files.filter((f: { path: string }) => f.path !== image) }));
      expect(thrown(() => loadArtifacts(unlisted).channels()).message).toContain(`${image} is referenced but not listed`);
    }
  });

  it('have no channel dictionary, asked twice, when the manifest lists none', () => {
    const dir = withEdited('manifest.json', (m) => ({ ...m, files: m.files.filter((f: { kind: string }) => f.kind !== 'channels-index') }));
    const a = loadArtifacts(dir);
    expect(a.channels()).toBeUndefined();
    expect(a.channels()).toBeUndefined();
  });

  it('find the training timelapse only when the manifest lists one, and read it once', () => {
    const a = loadArtifacts(fake.dir);
    expect(hasTimelapse(a)).toBe(true);
    expect(loadTimelapse(a)).toBe(loadTimelapse(a));
    expect(timelapseImages(loadTimelapse(a))).toHaveLength(loadTimelapse(a).epochs.length * 2 + 1);
    const none = withEdited('manifest.json', (m) => ({ ...m, files: m.files.filter((f: { kind: string }) => f.kind !== 'timelapse-index') }));
    const b = loadArtifacts(none);
    expect(hasTimelapse(b)).toBe(false);
    expect(thrown(() => loadTimelapse(b)).message).toBe(`${path.join(none, 'manifest.json')} lists no training timelapse (kind "timelapse-index"). ${RUN_PIPELINE_HINT}`);
  });
});
