import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { layerStatsDocument } from '../../site/lib/artifacts/layerStatsDocument';
import { loadArtifacts, readManifest, referencedImages, resolveArtifactsDir } from '../../site/lib/artifacts/load';
import { pngSize } from '../../site/lib/artifacts/pngSize';
import { makeFakeArtifacts } from './helpers';

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
      expect(referencedImages(a.visuals).length).toBe(11 + 88 + 1 + 24 + 3);
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
