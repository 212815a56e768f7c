import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { artifactReferences, checkArtifactReferences, publishArtifacts } from '../../site/lib/build/publish';
import { normalizeBase, siteOptionsFromEnv } from '../../site/lib/build/siteOptions';
import { makeFakeArtifacts } from './helpers';

describe('publishing artifacts into the built site', () => {
  it('finds artifact URLs in attributes and embedded JSON under the base path', () => {
    const html = '<img src="/sub/artifacts/a/b.png"><script type="application/json">{"src":"/sub/artifacts/c.png"}</script><img src="/other/x.png">';
    expect(artifactReferences(html, '/sub/')).toEqual(['artifacts/a/b.png', 'artifacts/c.png']);
  });

  it('copies every referenced image (feature maps and attribution maps) and writes one stats file per layer', async () => {
    const fake = await makeFakeArtifacts();
    const out = await mkdtemp(path.join(os.tmpdir(), 'site-out-'));
    try {
      const result = await publishArtifacts(fake.dir, out);
      // 127 visuals; 38 explained images with 41 classes × 6 maps, and 6 × 6 cascade images
      expect(result).toEqual({ images: 127 + 41 * 6 + 36, statsFiles: 8 });
      expect(existsSync(path.join(out, 'artifacts/explain/maps/t00007/8-grad-cam-conv2d_1.png'))).toBe(true);
      expect(existsSync(path.join(out, 'artifacts/explain/sanity/occlusion/conv2d.png'))).toBe(true);
      expect(existsSync(path.join(out, 'artifacts/visuals/layers/conv2d_2/sample-109.png'))).toBe(true);
      expect(existsSync(path.join(out, 'artifacts/site-stats/max_pooling2d_2.json'))).toBe(true);
    } finally {
      await rm(out, { recursive: true, force: true });
      await fake.cleanup();
    }
  });

  it('fails the build when a page refers to an image that is not in the output', async () => {
    const out = await mkdtemp(path.join(os.tmpdir(), 'site-out-'));
    try {
      await mkdir(path.join(out, 'en'), { recursive: true });
      await writeFile(path.join(out, 'en/index.html'), '<img src="/artifacts/missing.png">');
      await expect(checkArtifactReferences(out, '/')).rejects.toThrow('en/index.html → artifacts/missing.png');
    } finally {
      await rm(out, { recursive: true, force: true });
    }
  });
});

describe('site options from the environment', () => {
  it('normalises BASE_PATH to leading and trailing slashes', () => {
    expect(normalizeBase(undefined)).toBe('/');
    expect(normalizeBase('cnn')).toBe('/cnn/');
    expect(normalizeBase('/a/b/')).toBe('/a/b/');
  });

  it('rejects a SITE_URL that is not absolute', () => {
    expect(() => siteOptionsFromEnv({ SITE_URL: 'example.org' }, '/p')).toThrow('SITE_URL must be an absolute http(s) URL');
  });

  it('digests the manifest so a new pipeline run invalidates cached content', async () => {
    const fake = await makeFakeArtifacts();
    try {
      const options = siteOptionsFromEnv({ ARTIFACTS_DIR: fake.dir, BASE_PATH: '/r', SITE_URL: 'https://example.org' }, '/p');
      expect(options).toMatchObject({ artifactsDir: fake.dir, base: '/r/', site: 'https://example.org' });
      expect(options.manifestDigest).toMatch(/^[0-9a-f]{64}$/);
      expect(siteOptionsFromEnv({ ARTIFACTS_DIR: '/nowhere' }, '/p').manifestDigest).toBe('missing');
    } finally {
      await fake.cleanup();
    }
  });
});
