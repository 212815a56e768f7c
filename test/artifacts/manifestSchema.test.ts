import { describe, expect, it } from 'vitest';
import { assertManifestWritable, ManifestRejectedError, parseManifest } from '../../pipeline/artifacts/manifestSchema';
import type { ArtifactFile, Manifest } from '../../pipeline/artifacts/types';
import { validManifest } from './manifestFixture';

const file: ArtifactFile = { path: 'history.json', kind: 'history', bytes: 12, sha256: 'ab', meta: { epochs: 1 } };
const manifest = (): Manifest => validManifest([file]);
/** The manifest with one part replaced, as JSON-shaped data the schema has not seen. */
const edited = (edit: (m: Record<string, any>) => void): unknown => {
  const m = structuredClone(manifest()) as Record<string, any>;
  edit(m);
  return m;
};

describe('parseManifest', () => {
  it('returns a valid manifest unchanged, extra config fields kept, with no problem', () => {
    const m = manifest();
    const result = parseManifest(m);
    expect(result.problem).toBeUndefined();
    expect(result.manifest).toEqual(m);
    expect(result.manifest?.config.dataDir).toBeNull();
  });

  it('accepts the manifest after a JSON round trip, as the site reads it', () => {
    expect(parseManifest(JSON.parse(JSON.stringify(manifest()))).problem).toBeUndefined();
  });

  it('names the root when the manifest is null', () => {
    expect(parseManifest(null)).toEqual({ problem: '(root): Expected object, received null' });
  });

  it('names at most the first three missing fields of an empty object', () => {
    expect(parseManifest({}).problem).toBe('schemaVersion: Required; pipelineVersion: Required; createdAt: Required');
  });

  it('names the index of a null file entry', () => {
    expect(parseManifest(edited((m) => { m.files = [file, null]; })).problem).toBe('files.1: Expected object, received null');
  });

  it('names a metric that is a string', () => {
    expect(parseManifest(edited((m) => { m.metrics.test_accuracy = '0.9'; })).problem).toBe('metrics.test_accuracy: Expected number, received string');
  });

  it('says "is NaN" or "is Infinity" for a number JSON would write as null', () => {
    expect(parseManifest(edited((m) => { m.metrics.test_loss = Number.NaN; })).problem).toBe('metrics.test_loss is NaN');
    expect(parseManifest(edited((m) => { m.timings.total = Number.POSITIVE_INFINITY; })).problem).toBe('timings.total is Infinity');
    expect(parseManifest(edited((m) => { m.files[0].bytes = Number.NEGATIVE_INFINITY; })).problem).toBe('files.0.bytes is -Infinity');
  });

  it('says what a null metric is, as a NaN looks once written to JSON', () => {
    expect(parseManifest(edited((m) => { m.metrics.test_loss = null; })).problem).toBe('metrics.test_loss: Expected number, received null');
  });

  it('joins several problems with semicolons, each naming its field', () => {
    expect(parseManifest(edited((m) => { m.cacheKey = 1; m.metrics.x = Number.NaN; })).problem).toBe('cacheKey: Expected string, received number; metrics.x is NaN');
  });

  it('accepts null and each known data set for data.known', () => {
    for (const known of [null, 'mnist', 'fashion-mnist']) {
      const result = parseManifest(edited((m) => { m.data.known = known; }));
      expect(result.problem, String(known)).toBeUndefined();
      expect(result.manifest?.data.known).toBe(known);
    }
  });

  it('rejects an unknown data set name in data.known, listing the known ones', () => {
    expect(parseManifest(edited((m) => { m.data.known = 'cifar'; })).problem)
      .toBe("data.known: Invalid enum value. Expected 'mnist' | 'fashion-mnist', received 'cifar'");
  });

  it('rejects a missing data.known, since only null means "not a known data set"', () => {
    expect(parseManifest(edited((m) => { delete m.data.known; })).problem).toBe('data.known: Required');
  });
});

describe('assertManifestWritable', () => {
  it('lets a valid manifest through', () => {
    expect(() => assertManifestWritable(manifest(), '/tmp/out')).not.toThrow();
  });

  it('throws ManifestRejectedError naming the field, the folder kept and what to check', () => {
    const bad = edited((m) => { m.metrics.test_loss = Number.NaN; }) as Manifest;
    let error: unknown;
    try { assertManifestWritable(bad, '/tmp/out'); } catch (e) { error = e; }
    expect(error).toBeInstanceOf(ManifestRejectedError);
    expect((error as Error).name).toBe('ManifestRejectedError');
    expect((error as Error).message).toBe(
      'refusing to write manifest.json: metrics.test_loss is NaN. The site could not read it, so nothing was committed and the previous artifacts in /tmp/out were kept. This is a bug in the stage that produced that field, or a degenerate run (check the log above).',
    );
  });
});
