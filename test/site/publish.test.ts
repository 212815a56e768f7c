import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { appendFile, copyFile, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { artifactReferences, checkArtifactReferences, publishArtifacts } from '../../site/lib/build/publish';
import { digestSources, normalizeBase, siteOptionsFromEnv } from '../../site/lib/build/siteOptions';
import { makeFakeArtifacts } from './helpers';

describe('publishing artifacts into the built site', () => {
  it('finds artifact URLs in attributes and embedded JSON under the base path', () => {
    const html = '<img src="/sub/artifacts/a/b.png"><script type="application/json">{"src":"/sub/artifacts/c.png"}</script><img src="/other/x.png">';
    expect(artifactReferences(html, '/sub/')).toEqual(['artifacts/a/b.png', 'artifacts/c.png']);
  });

  it('copies every referenced image (feature maps and attribution maps), the model and the test-image shards, and writes one stats file per layer', async () => {
    const fake = await makeFakeArtifacts();
    const out = await mkdtemp(path.join(os.tmpdir(), 'site-out-'));
    try {
      const result = await publishArtifacts(fake.dir, out);
      // 127 visuals and 10 class-example strips; 38 explained images with 41 classes × 6 maps, and 6 × 6 cascade images; the dictionary's
      // 224 strips and 224 optimised images, 32 kernels and 10 class images; 6 epochs × 2 timelapse pictures and the filmstrip
      expect(result).toEqual({ images: 127 + 10 + 41 * 6 + 36 + 224 * 2 + 32 + 10 + 13, explorerFiles: 22, mapFiles: 1, statsFiles: 8 });
      expect(existsSync(path.join(out, 'artifacts/explain/channels/conv2d_1/c017-examples.png'))).toBe(true);
      expect(existsSync(path.join(out, 'artifacts/explain/embedding/points.u16'))).toBe(true);
      expect(existsSync(path.join(out, 'artifacts/timelapse/epoch-005-maps.png'))).toBe(true);
      expect(existsSync(path.join(out, 'artifacts/timelapse/filmstrip.png'))).toBe(true);
      expect(existsSync(path.join(out, 'artifacts/explain/maps/t00007/8-grad-cam-conv2d_1.png'))).toBe(true);
      expect(existsSync(path.join(out, 'artifacts/explain/sanity/occlusion/conv2d.png'))).toBe(true);
      expect(existsSync(path.join(out, 'artifacts/model/weights.bin'))).toBe(true);
      expect(existsSync(path.join(out, 'artifacts/visuals/test-images/s00950.u8'))).toBe(true);
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
      await writeFile(path.join(out, 'en/notes.txt'), '<img src="/artifacts/also-missing.png">'); // not a page
      await expect(checkArtifactReferences(out, '/')).rejects.toThrow('Built pages refer to 1 missing artifact file(s):\n  en/index.html → artifacts/missing.png');
      await mkdir(path.join(out, 'artifacts'));
      await writeFile(path.join(out, 'artifacts/missing.png'), '');
      await writeFile(path.join(out, 'index.html'), '<img src="/artifacts/missing.png">');
      expect(await checkArtifactReferences(out, '/')).toBe(2);
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
    expect(normalizeBase(' //cnn// ')).toBe('/cnn/');
  });

  it('rejects a SITE_URL that is not absolute', () => {
    expect(() => siteOptionsFromEnv({ SITE_URL: 'example.org' }, '/p')).toThrow('SITE_URL must be an absolute http(s) URL');
    expect(() => siteOptionsFromEnv({ SITE_URL: 'see https://example.org' }, '/p')).toThrow('got "see https://example.org"');
  });

  it('digests the manifest so a new pipeline run invalidates cached content', async () => {
    const fake = await makeFakeArtifacts();
    const copy = await mkdtemp(path.join(os.tmpdir(), 'site-manifest-'));
    try {
      const options = siteOptionsFromEnv({ ARTIFACTS_DIR: fake.dir, BASE_PATH: '/r', SITE_URL: 'https://example.org' }, '/p');
      expect(options).toMatchObject({ artifactsDir: fake.dir, base: '/r/', site: 'https://example.org' });
      const manifest = path.join(fake.dir, 'manifest.json');
      const bytes = await readFile(manifest);
      expect(options.manifestDigest).toBe(createHash('sha256').update(bytes).digest('hex'));
      // The same manifest elsewhere has the same digest; a changed manifest in the same place another one.
      await copyFile(manifest, path.join(copy, 'manifest.json'));
      expect(siteOptionsFromEnv({ ARTIFACTS_DIR: copy }, '/p').manifestDigest).toBe(options.manifestDigest);
      await appendFile(manifest, '\n');
      expect(siteOptionsFromEnv({ ARTIFACTS_DIR: fake.dir }, '/p').manifestDigest).not.toBe(options.manifestDigest);
      expect(siteOptionsFromEnv({ ARTIFACTS_DIR: '/nowhere' }, '/p').manifestDigest).toBe('missing');
    } finally {
      await fake.cleanup();
      await rm(copy, { recursive: true, force: true });
    }
  });

  it('reads artifacts/ under the root by default, and no SITE_URL as none', () => {
    expect(siteOptionsFromEnv({ SITE_URL: '  ' }, '/p')).toMatchObject({ artifactsDir: path.resolve('/p/artifacts'), site: undefined, base: '/' });
    expect(siteOptionsFromEnv({ SITE_URL: ' http://a.org ' }, '/p').site).toBe('http://a.org');
  });

  it('digests the site code: .ts files under each folder, by name and content', async () => {
    const root = await mkdtemp(path.join(os.tmpdir(), 'site-code-'));
    try {
      await mkdir(path.join(root, 'site', 'lib', 'charts'), { recursive: true });
      await mkdir(path.join(root, 'site', 'i18n'), { recursive: true });
      await writeFile(path.join(root, 'site', 'lib', 'charts', 'a.ts'), 'export const a = 1;');
      await writeFile(path.join(root, 'site', 'i18n', 'en.ts'), 'export const en = {};');
      const code = () => siteOptionsFromEnv({}, root).codeDigest;
      const first = code();
      expect(first).toMatch(/^[0-9a-f]{64}$/);
      expect(digestSources([path.join(root, 'nowhere'), path.join(root, 'site', 'lib'), path.join(root, 'site', 'i18n')])).toBe(first);
      await writeFile(path.join(root, 'site', 'lib', 'notes.md'), 'not code');
      expect(code()).toBe(first);
      await writeFile(path.join(root, 'site', 'i18n', 'en.ts'), 'export const en = { a: 1 };');
      const second = code();
      expect(second).not.toBe(first);
      await writeFile(path.join(root, 'site', 'lib', 'charts', 'b.ts'), '');
      expect(code()).not.toBe(second);
    } finally {
      await rm(root, { recursive: true, force: true });
    }
  });
});
