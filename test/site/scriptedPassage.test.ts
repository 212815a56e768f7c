import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderMarkdown } from './helpers';
import { sharedFakeArtifacts, type FakeArtifacts } from './sharedFakeArtifacts';

let artifacts: FakeArtifacts;
beforeAll(async () => {
  artifacts = await sharedFakeArtifacts();
});
afterAll(() => artifacts.cleanup());

describe(':::with-script', () => {
  it('keeps prose about a scripted control, in a block the page shows only once its scripts run, with its directives filled', async () => {
    const html = await renderMarkdown('Before.\n\n:::with-script\nDrag the slider to epoch :metric{name="best_epoch" format="int"}.\n:::\n', { artifactsDir: artifacts.dir, lang: 'en' });
    expect(html).toMatch(/^<p>Before\.<\/p>\s*<div class="needs-js"><p>Drag the slider to epoch <data class="metric" value="\d+">\d+<\/data>\.<\/p><\/div>$/);
  });

  it('takes no attributes', async () => {
    await expect(renderMarkdown(':::with-script{x="1"}\nText\n:::\n', { artifactsDir: artifacts.dir, lang: 'en' })).rejects.toThrow(/takes no attributes/);
  });
});
