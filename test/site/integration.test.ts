// The Astro integration's two hooks, driven with stand-ins for Astro's dev server and build.
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clientWithoutVegaLite } from '../../site/lib/build/clientVegaLite';
import { artifactsIntegration } from '../../site/lib/build/integration';
import { sharedFakeArtifacts, type FakeArtifacts } from './sharedFakeArtifacts';

type Handler = (req: { url?: string }, res: FakeResponse, next: (error?: unknown) => void) => void;
interface FakeResponse { headers: Record<string, string>; body?: Buffer | string; setHeader(k: string, v: string): void; end(b: Buffer | string): void }

let fake: FakeArtifacts;
beforeAll(async () => {
  fake = await sharedFakeArtifacts();
});
afterAll(() => fake.cleanup());

/** Installs the dev-server middleware and returns a function that sends one request through it. */
function devServer(base: string) {
  const stack: { route: string; handle: Handler }[] = [{ route: '', handle: () => {} }];
  const hooks = artifactsIntegration({ artifactsDir: fake.dir, base, contentDir: fake.dir }).hooks as Record<string, (arg: unknown) => unknown>;
  hooks['astro:server:setup']({ server: { middlewares: { stack } } });
  expect(stack).toHaveLength(2);
  return (url: string) => {
    const res: FakeResponse = { headers: {}, setHeader(k, v) { this.headers[k] = v; }, end(b) { this.body = b; } };
    let nextArg: unknown = 'not called';
    stack[0].handle({ url }, res, (error) => (nextArg = error));
    return { res, nextArg };
  };
}

describe('artifacts integration in astro dev', () => {
  it('serves listed images under the base path, and without it', async () => {
    const request = devServer('/sub/');
    const png = await readFile(path.join(fake.dir, 'visuals/input/sample-51.png'));
    for (const url of ['/sub/artifacts/visuals/input/sample-51.png?v=1', '/artifacts/visuals/input/sample-51.png']) {
      const { res, nextArg } = request(url);
      expect(nextArg).toBe('not called');
      expect(res.headers['Content-Type']).toBe('image/png');
      expect(Buffer.compare(res.body as Buffer, png)).toBe(0);
    }
  });

  it('serves a layer stats document as JSON', () => {
    const { res } = devServer('/')('/artifacts/site-stats/conv2d.json');
    expect(res.headers['Content-Type']).toBe('application/json');
    const doc = JSON.parse(res.body as string);
    expect(doc.layer).toBe('conv2d');
    expect(Object.keys(doc.samples)).toHaveLength(11);
  });

  it('passes other URLs, missing files and paths outside the artifacts folder on to the next handler', () => {
    const request = devServer('/');
    const urls = ['/en/', '/artifacts/visuals/nothing.png', '/artifacts/../package.json', '/artifacts%2F..%2Fpackage.json', '/artifacts/x/site-stats/conv2d.json', '/artifacts/site-stats/conv2d.json.bak'];
    for (const url of urls) {
      const { res, nextArg } = request(url);
      expect([url, nextArg, res.body]).toEqual([url, undefined, undefined]);
    }
  });

  it('passes a request without a URL on', () => {
    expect(devServer('/')(undefined as unknown as string).nextArg).toBeUndefined();
  });

  it('hands an error to the next handler instead of crashing the dev server', () => {
    const { nextArg } = devServer('/')('/artifacts/site-stats/conv2d_9.json');
    expect(String(nextArg)).toMatch(/conv2d_9/);
  });

  it('labels JSON files as JSON and files other than PNG and JSON as binary', () => {
    expect(devServer('/')('/artifacts/predictions.json').res.headers['Content-Type']).toBe('application/json');
    expect(devServer('/')('/artifacts/probabilities.u8').res.headers['Content-Type']).toBe('application/octet-stream');
  });
});

describe('artifacts integration at build time', () => {
  it('copies the artifacts into the output, checks the references and logs the counts', async () => {
    const out = await mkdtemp(path.join(os.tmpdir(), 'site-out-'));
    try {
      const lines: string[] = [];
      const content = path.join(out, 'content-src');
      for (const lang of ['en', 'zh']) {
        await mkdir(path.join(content, lang), { recursive: true });
        await writeFile(path.join(content, lang, 'index.md'), '# page\n');
        await mkdir(path.join(out, lang), { recursive: true });
        await writeFile(path.join(out, lang, 'index.html'), '<html></html>');
      }
      const hooks = artifactsIntegration({ artifactsDir: fake.dir, base: '/', contentDir: content }).hooks as Record<string, (arg: unknown) => Promise<void>>;
      await hooks['astro:build:done']({ dir: pathToFileURL(`${out}/`), logger: { info: (l: string) => lines.push(l) } });
      expect(existsSync(path.join(out, 'artifacts/site-stats/conv2d.json'))).toBe(true);
      expect(lines).toEqual([`2 content pages built; copied ${127 + 41 * 6 + 36 + 224 * 2 + 32 + 10 + 13 + 10 /* class-example strips */} artifact images, 22 model and test-image files, 1 embedding map file(s) and 8 stats files; 0 artifact references checked`]);
    } finally {
      await rm(out, { recursive: true, force: true });
    }
  });
});

describe('vega-lite in client bundles', () => {
  it('resolves to the stub in the browser bundle only', () => {
    const plugin = clientWithoutVegaLite();
    expect(plugin.name).toBe('cnn-report-client-without-vega-lite');
    expect(artifactsIntegration({ artifactsDir: fake.dir, base: '/', contentDir: fake.dir }).name).toBe('cnn-report-artifacts');
    const resolve = plugin.resolveId as (id: string, importer: string | undefined, options?: { ssr?: boolean }) => string | null;
    expect(plugin.enforce).toBe('pre');
    expect(resolve('vega-lite', undefined, {})).toMatch(/vegaLiteStub\.ts$/);
    expect(resolve('vega-lite', undefined)).toMatch(/vegaLiteStub\.ts$/);
    expect(resolve('vega-lite', undefined, { ssr: true })).toBeNull();
    expect(resolve('vega', undefined, {})).toBeNull();
  });
});
