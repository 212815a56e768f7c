// The passages kept or dropped by how the run went (issue #25): early stopping or the epoch limit, a preview
// build or one on all the data; and the :predictions facts that replace "usually the top choice takes almost all".
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DataInfo } from '../../pipeline/artifacts/types';
import { loadArtifacts } from '../../site/lib/artifacts/load';
import { CONDITIONS, isPreview, stoppedEarly, type ShownWith } from '../../site/lib/directives/conditions';
import { confidentShare } from '../../site/lib/directives/predictionFacts';
import { IMPORTED_DESCRIPTION } from './importedDescription';
import { TUTORIAL_DESCRIPTION } from '../model/tutorialDescription';
import { renderMarkdown } from './helpers';
import { sharedFakeArtifacts, type FakeArtifacts } from './sharedFakeArtifacts';

const DATA = { trainCount: 60000, trainAvailable: 60000, testCount: 10000, testAvailable: 10000 } as DataInfo;
const shown = (over: Partial<ShownWith> = {}): ShownWith => ({
  model: TUTORIAL_DESCRIPTION, data: DATA, metrics: { epochs_run: 12, max_epochs: 100 }, config: { preset: 'seed' }, ...over,
});
const kept = (s: ShownWith) => Object.entries(CONDITIONS).filter(([name, c]) => ['stopped-early', 'ran-to-limit', 'preview-run', 'full-run'].includes(name) && c.shows(s)).map(([name]) => name);

describe('run conditions', () => {
  it('say early stopping ended a run that used fewer epochs than allowed, and not one that used them all', () => {
    expect(stoppedEarly(shown())).toBe(true);
    expect(stoppedEarly(shown({ metrics: { epochs_run: 2, max_epochs: 2 } }))).toBe(false);
    expect(kept(shown())).toEqual(['stopped-early', 'full-run']);
    expect(kept(shown({ metrics: { epochs_run: 100, max_epochs: 100 } }))).toEqual(['ran-to-limit', 'full-run']);
  });

  it('say nothing of early stopping for an imported model or a manifest without the epoch counts', () => {
    expect(stoppedEarly(shown({ model: IMPORTED_DESCRIPTION }))).toBeNull();
    expect(stoppedEarly(shown({ metrics: {} }))).toBeNull();
    expect(kept(shown({ metrics: {} }))).toEqual(['full-run']);
  });

  it('call a build a preview for the quick preset, fewer training images or fewer test images than the data holds', () => {
    expect(isPreview(shown())).toBe(false);
    expect(isPreview(shown({ config: { preset: 'quick' } }))).toBe(true);
    expect(isPreview(shown({ data: { ...DATA, trainCount: 4096 } }))).toBe(true);
    expect(isPreview(shown({ data: { ...DATA, testCount: 1000 } }))).toBe(true);
  });

  it('do not count the training images of an imported model, which was not trained here', () => {
    expect(isPreview(shown({ model: IMPORTED_DESCRIPTION, data: { ...DATA, trainCount: 0 } }))).toBe(false);
  });
});

describe('confidentShare', () => {
  const rows = [[0.95, 0.05], [0.5, 0.5], [0.1, 0.9], [0.3, 0.7]];
  it('counts the images whose top choice has at least the threshold, ties at the threshold included', () => {
    expect(confidentShare((i) => rows[i], rows.length)).toBe(0.5);
    expect(confidentShare((i) => rows[i], rows.length, 0.5)).toBe(1);
    expect(confidentShare((i) => rows[i], 2, 0.96)).toBe(0);
  });

  it('refuses an empty test set instead of dividing by zero', () => {
    expect(() => confidentShare(() => [], 0)).toThrow(/no test images/);
  });
});

describe('rendered through the plugin', () => {
  let fake: FakeArtifacts;
  beforeAll(async () => {
    fake = await sharedFakeArtifacts();
  }, 120_000);
  afterAll(() => fake.cleanup());
  const PAGE = '/x/content/en/page.md';
  const MD = ':::stopped-early\n\nStopped early.\n\n:::\n\n:::ran-to-limit\n\nAll epochs.\n\n:::\n\n:::preview-run\n\nA preview.\n\n:::\n\n:::full-run\n\nAll the data.\n\n:::';

  it('keep the passages true of the fake run: five of five epochs, on 2,000 of 60,000 training images', async () => {
    const html = await renderMarkdown(MD, { artifactsDir: fake.dir, path: PAGE, lang: 'en' });
    expect(html.replace(/<[^>]+>/g, '').trim().split(/\s*\n\s*/)).toEqual(['All epochs.', 'A preview.']);
  });

  it('state the threshold and the share of confident test images, formatted for the page language', async () => {
    const artifacts = loadArtifacts(fake.dir);
    const share = confidentShare((i) => artifacts.probabilities(i), artifacts.manifest.data.testCount);
    const en = await renderMarkdown('At least :predictions{fact="confident-threshold"} for :predictions{fact="confident-share"}.', { artifactsDir: fake.dir, path: PAGE, lang: 'en' });
    expect(en).toContain('At least <data class="metric" value="0.9">90%</data> for ');
    expect(en).toContain(`<data class="metric" value="${share}">`);
    const zh = await renderMarkdown(':predictions{fact="confident-share"}', { artifactsDir: fake.dir, path: '/x/content/zh/page.md', lang: 'zh' });
    expect(zh).toMatch(/<data class="metric" value="[0-9.e-]+">\d+(\.\d)?%<\/data>/);
  });

  it('refuse an unknown predictions fact, naming the valid ones', async () => {
    await expect(renderMarkdown(':predictions{fact="median"}', { artifactsDir: fake.dir, path: PAGE, lang: 'en' })).rejects.toThrow(/unknown predictions fact "median". Valid values: confident-threshold, confident-share/);
  });
});
