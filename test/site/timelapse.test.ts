import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadArtifacts } from '../../site/lib/artifacts/load';
import type { DirectiveContext } from '../../site/lib/directives/context';
import { timelapseDirective } from '../../site/lib/directives/timelapse';
import type { TimelapseData } from '../../site/lib/directives/timelapseData';
import { translator, type Lang } from '../../site/lib/i18n';
import { makeFakeArtifacts } from './helpers';
import { sharedFakeArtifacts, type FakeArtifacts } from './sharedFakeArtifacts';

let fake: FakeArtifacts;
beforeAll(async () => {
  fake = await sharedFakeArtifacts();
});
afterAll(() => fake.cleanup());

const context = (lang: Lang, dir = fake.dir): DirectiveContext => ({ artifacts: loadArtifacts(dir), lang, t: translator(lang), base: '/' });
const dataOf = (html: string) => JSON.parse(/data-timelapse-data(?:="")?>(.*?)<\/script>/s.exec(html)?.[1] ?? 'null') as TimelapseData;

/** A fresh fake artifacts folder with timelapse/timelapse.json (or the manifest) edited. */
async function editedContext(rel: string, edit: (value: Record<string, unknown>) => void): Promise<{ ctx: DirectiveContext; cleanup: () => Promise<void> }> {
  const other = await makeFakeArtifacts();
  const file = path.join(other.dir, rel);
  const value = JSON.parse(await readFile(file, 'utf8'));
  edit(value);
  await writeFile(file, JSON.stringify(value));
  return { ctx: context('en', other.dir), cleanup: other.cleanup };
}

describe('::timelapse', () => {
  it('shows the kept epoch first, marks the checkpoint and the stop, and gives every epoch its pictures and announced value', async () => {
    const html = await timelapseDirective.render({}, context('en'));
    expect(html).toContain('src="/artifacts/timelapse/epoch-004-kernels.png"');
    expect(html).toContain('src="/artifacts/timelapse/epoch-004-maps.png"');
    expect(html).toMatch(/<input type="range" min="0" max="5" step="1" value="4" aria-valuetext="Epoch 4 of 5: validation accuracy 94\.00%; kept by the checkpoint"/);
    expect(html).toContain('Kept weights (checkpoint): epoch 4. Early stopping ended training after epoch 5.');
    expect(html).toContain('<ol class="timelapse-ticks js-only" aria-hidden="true" hidden><li><span>0</span></li><li><span></span></li><li><span></span></li><li><span></span></li><li class="kept"><span>4 · kept</span></li><li class="stop"><span>5 · stopped</span></li></ol>');
    expect(html).toContain('<button type="button" data-timelapse-go="4">Show the kept epoch</button> <button type="button" data-timelapse-go="5">Show the last epoch</button>');
    expect(html).toMatch(/<noscript><figure class="timelapse-filmstrip"><img src="\/artifacts\/timelapse\/filmstrip.png" width="866" height="228" alt="[^"]*at epochs 0, 1, 4, and 5/);
    const data = dataOf(html);
    expect(data.initial).toBe(4);
    expect(data.frames.map((f) => f.epoch)).toEqual([0, 1, 2, 3, 4, 5]);
    expect(data.frames[0].value).toBe('Epoch 0 of 5: the initial random weights');
    expect(data.frames[5].value).toBe('Epoch 5 of 5: validation accuracy 95.00%; early stopping ended training here');
    expect(data.frames[2]).toMatchObject({ maps: '/artifacts/timelapse/epoch-002-maps.png', mapsAlt: 'The 32 feature maps of conv2d for test image 51, after epoch 2' });
  });

  it('announces the epochs in Chinese on the Chinese page', async () => {
    const html = await timelapseDirective.render({ start: 'last' }, context('zh'));
    expect(html).toContain('aria-valuetext="第 5 轮（共 5 轮）：验证准确率 95.00%；提前停止在这一轮结束了训练"');
    expect(html).toContain('<span>训练轮次</span>');
    expect(dataOf(html).frames[1].kernelsAlt).toBe('conv2d 的 32 个 3×3 卷积核，第 1 轮结束时');
  });

  it('offers one jump button when the checkpoint kept the last epoch of a run that reached its limit', async () => {
    const { ctx, cleanup } = await editedContext('timelapse/timelapse.json', (index) => Object.assign(index, { keptEpoch: 5, stopEpoch: null }));
    try {
      const html = await timelapseDirective.render({}, ctx);
      expect(html.match(/data-timelapse-go=/g)).toHaveLength(1);
      expect(html).toContain('<p class="timelapse-marks">Kept weights (checkpoint): epoch 5. Training ran to its limit of epochs.<span class="js-only" hidden> <button type="button" data-timelapse-go="5">Show the kept epoch</button></span></p>');
    } finally {
      await cleanup();
    }
  });

  it('labels the first and the last tick even when no mark falls on them', async () => {
    const { ctx, cleanup } = await editedContext('timelapse/timelapse.json', (index) => Object.assign(index, { keptEpoch: 3, stopEpoch: null }));
    try {
      const html = await timelapseDirective.render({}, ctx);
      expect(/<ol class="timelapse-ticks[^>]*>(.*?)<\/ol>/.exec(html)?.[1]).toBe(
        '<li><span>0</span></li><li><span></span></li><li><span></span></li><li class="kept"><span>3 · kept</span></li><li><span></span></li><li><span>5</span></li>',
      );
    } finally {
      await cleanup();
    }
  });

  it('fails with the file and the field when the artifacts lack the timelapse or break its contract', async () => {
    const missing = await editedContext('manifest.json', (m) => {
      m.files = (m.files as { kind: string }[]).filter((f) => f.kind !== 'timelapse-index');
    });
    const broken = await editedContext('timelapse/timelapse.json', (index) => delete index.keptEpoch);
    const unlisted = await editedContext('manifest.json', (m) => {
      m.files = (m.files as { path: string }[]).filter((f) => f.path !== 'timelapse/epoch-003-maps.png');
    });
    try {
      expect(() => timelapseDirective.render({}, missing.ctx)).toThrow(/lists no training timelapse \(kind "timelapse-index"\)\. Run `npm run pipeline`/);
      expect(() => timelapseDirective.render({}, broken.ctx)).toThrow(/timelapse\.json does not match the artifact contract[\s\S]*keptEpoch/);
      expect(() => timelapseDirective.render({}, unlisted.ctx)).toThrow('timelapse/epoch-003-maps.png is referenced but not listed');
    } finally {
      await Promise.all([missing.cleanup(), broken.cleanup(), unlisted.cleanup()]);
    }
  });
});
