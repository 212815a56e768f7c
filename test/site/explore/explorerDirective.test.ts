// The explorer as written into the page for each kind of data (issue #21): MNIST keeps its digits and
// its MNIST drawing rule; Fashion-MNIST shows its ten names in the page's language, draws with the
// build's picture rule and never says "digit"; a colour folder has no pad, only test images and the
// reader's own picture. The names reach the script in the page's JSON island, as the model does.
import { beforeAll, describe, expect, it } from 'vitest';
import { loadArtifacts, type SiteArtifacts } from '../../../site/lib/artifacts/load';
import { explorerDirective, type ExplorerData } from '../../../site/lib/directives/explorer';
import { translator, type Lang } from '../../../site/lib/i18n';
import { FASHION_MNIST_CLASS_NAMES } from '../../../shared/data/classes';
import { FAKE_FOLDER_CLASSES } from '../fakeArtifacts';
import { sharedFakeArtifacts } from '../sharedFakeArtifacts';

const kinds = ['mnist', 'fashion', 'colour-folder'] as const;
const artifacts = {} as Record<(typeof kinds)[number], SiteArtifacts>;
beforeAll(async () => {
  for (const data of kinds) artifacts[data] = loadArtifacts((await sharedFakeArtifacts(data === 'mnist' ? {} : { data })).dir);
}, 60_000);

function render(data: (typeof kinds)[number], lang: Lang): { html: string; page: ExplorerData; text: string } {
  const html = explorerDirective.render({}, { artifacts: artifacts[data], lang, t: translator(lang), base: '/' }) as string;
  const page = JSON.parse(/<script type="application\/json" data-explorer-data>(.*?)<\/script>/s.exec(html)?.[1] ?? 'null') as ExplorerData;
  // What a reader sees or hears: the markup's text and attributes, without the script's data.
  const text = html.replace(/<script[\s\S]*?<\/script>/g, '');
  return { html, page, text };
}

const barNames = (html: string) => [...html.matchAll(/<span class="bar-name" id="explorer-class-\d+">([^<]*)<\/span>/g)].map((m) => m[1]);

describe('::explorer for each kind of data', () => {
  it('labels MNIST’s bars with the digits and prepares drawings the MNIST way, saying so', () => {
    const { html, page } = render('mnist', 'en');
    expect(barNames(html)).toEqual(['0', '1', '2', '3', '4', '5', '6', '7', '8', '9']);
    expect(page.pad).toEqual({ rule: 'mnist', width: 280, height: 280 });
    expect(html).toContain('data-pad-rule="mnist"');
    expect(html).toContain('fitted into a 20×20 box and centred by its centre of mass');
    expect(page.classes).toEqual({ names: ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9'], noun: 'digit' });
  });

  for (const lang of ['en', 'zh'] as const) {
    it(`names Fashion-MNIST’s classes in ${lang} in the bars and the page data, and never says "digit"`, () => {
      const { html, page, text } = render('fashion', lang);
      const names = FASHION_MNIST_CLASS_NAMES.map((c) => c[lang]);
      expect(barNames(html)).toEqual(names);
      expect(page.classes).toEqual({ names, noun: 'image' });
      expect(page.pad).toEqual({ rule: 'fit', width: 280, height: 280 });
      expect(html).toContain('data-pad-rule="fit"');
      expect(text).not.toMatch(lang === 'en' ? /digit/i : /数字/);
      expect(JSON.stringify(page.labels)).not.toMatch(/digit|数字/i);
      expect(text).not.toContain('20×20');
    });
  }

  it('gives a colour model no pad, a labelled file input for the reader’s picture and the colour input caption', () => {
    for (const lang of ['en', 'zh'] as const) {
      const { html, page, text } = render('colour-folder', lang);
      expect(page.pad).toBeNull();
      expect(html).not.toMatch(/data-pad|data-brush|data-undo|data-clear/);
      expect(barNames(html)).toEqual(FAKE_FOLDER_CLASSES);
      expect(html).toMatch(/<label>[^<]+ <input type="file" accept="image\/\*" data-own-file aria-describedby="explorer-own-hint"><\/label>/);
      expect(html).toContain('data-drop-zone');
      expect(page.maxPictureSide).toBe(4096);
      expect(page.labels.empty).toBe(translator(lang)('explore.emptyNoPad'));
      expect(text).not.toMatch(/digit|数字/i);
      // Colour pictures keep their colours: no sentence about turning them grey.
      expect(text).not.toContain(translator(lang)('explore.ownHintGrey'));
    }
    expect(render('colour-folder', 'en').html).toContain('The 28×28 colour input the network receives (3 channels)');
  });

  it('offers the reader’s picture to greyscale models too, saying it becomes grey', () => {
    const { html } = render('fashion', 'en');
    expect(html).toContain('data-own-file');
    expect(html).toContain(translator('en')('explore.ownHintGrey'));
  });

  it('escapes class names in the markup', () => {
    const a = artifacts.fashion;
    const classes = { ...a.manifest.data.classes, en: a.manifest.data.classes.en.map((n, i) => (i === 0 ? '<b>&co' : n)) };
    const ctx = { artifacts: { ...a, manifest: { ...a.manifest, data: { ...a.manifest.data, classes } } }, lang: 'en' as const, t: translator('en'), base: '/' };
    const html = explorerDirective.render({}, ctx) as string;
    expect(barNames(html)[0]).toBe('&lt;b&gt;&amp;co');
    expect(html).not.toContain('<b>&co');
  });
});
