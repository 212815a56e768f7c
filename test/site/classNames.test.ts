// Issue #21: every figure, caption and chart names the data's classes by their names, and says "digit" /
// "数字" only for digit data. Renders the directives on fake Fashion-MNIST and colour-folder artifacts.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { numberedClasses } from '../../shared/data/classes';
import { loadArtifacts } from '../../site/lib/artifacts/load';
import { embeddingMapDirective } from '../../site/lib/directives/embeddingMap';
import { translator, type Lang } from '../../site/lib/i18n';
import { makeFakeArtifacts, renderMarkdown, type FakeArtifacts } from './helpers';

/** Every figure that shows a class, a label or the items (the live explorer has its own tests and strings). */
const PAGE = [
  '::digits{set="gallery"}', '::digits{set="misclassified"}', '::digits{set="samples"}',
  '::sample-picker', '::input', '::gallery{layer="conv2d_2"}', '::class-optimised',
  '::attribution', '::attribution{set="misclassified"}', '::attribution{set="gallery" method="grad-cam" layer="conv2d_1"}',
  '::sanity-check', '::chart{name="confusion"}', '::chart{name="per-class"}', '::chart{name="top3"}',
  '::embedding-map', '::timelapse', '::filters', '::summary', '::provenance',
].join('\n\n');

function decode(text: string): string {
  return text.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#x27;|&#39;/g, "'").replace(/&amp;/g, '&');
}

function stringsIn(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.flatMap(stringsIn);
  if (value && typeof value === 'object') return Object.values(value).flatMap(stringsIn); // values only: keys are never shown
  return [];
}

/**
 * What a reader can see or hear of the HTML: text, alt/aria-label/title, and every string the page scripts
 * show later (the values of the JSON data elements). The explorer's markup (in the picker's template) is left out.
 */
function readerText(html: string): string {
  const withoutExplorer = html.replace(/<template data-draw-own-template[^>]*>[\s\S]*?<\/template>/g, '');
  const json: string[] = [];
  const withoutScripts = withoutExplorer.replace(/<script type="application\/json"[^>]*>([\s\S]*?)<\/script>/g, (_, body: string) => {
    json.push(...stringsIn(JSON.parse(body)));
    return ' ';
  });
  const attributes = [...withoutScripts.matchAll(/\s(?:alt|aria-label|title|aria-valuetext)="([^"]*)"/g)].map((m) => m[1]);
  const text = withoutScripts.replace(/<[^>]+>/g, ' ');
  return decode([text, ...attributes, ...json].join('\n'));
}

async function render(fake: FakeArtifacts, lang: Lang): Promise<string> {
  return renderMarkdown(PAGE, { artifactsDir: fake.dir, lang });
}

describe('figures of Fashion-MNIST', () => {
  let fake: FakeArtifacts;
  const text: Partial<Record<Lang, string>> = {};
  beforeAll(async () => {
    fake = await makeFakeArtifacts({ data: 'fashion' });
    text.en = readerText(await render(fake, 'en'));
    text.zh = readerText(await render(fake, 'zh'));
  }, 120_000);
  afterAll(() => fake.cleanup());

  it('name the classes in English on the English page', () => {
    expect(text.en).toContain('Ankle boot');
    expect(text.en).toContain('T-shirt/top');
    expect(text.en).toContain('Why Dress?');
    expect(text.en).not.toContain('短靴');
  });

  it('name the classes in Chinese on the Chinese page', () => {
    expect(text.zh).toContain('短靴');
    expect(text.zh).toContain('T 恤/上衣');
    expect(text.zh).not.toContain('Ankle boot');
  });

  it('never call an image a digit, in either language', () => {
    expect(text.en?.match(/.{0,60}digit.{0,60}/gi) ?? []).toEqual([]);
    expect(text.zh?.match(/.{0,30}(数字|digit).{0,30}/gi) ?? []).toEqual([]);
  });

  it('caption a test image by its class name, not its label number', () => {
    expect(text.en).toMatch(/True: (T-shirt\/top|Trouser|Pullover|Dress|Coat|Sandal|Shirt|Sneaker|Bag|Ankle boot) · predicted: /);
    expect(text.en).not.toMatch(/True: \d/);
    expect(text.zh).toMatch(/真实：\S+ · 预测：/);
  });

  it('puts the class names on the confusion matrix axes in label order', async () => {
    const html = await renderMarkdown('::chart{name="confusion"}', { artifactsDir: fake.dir, lang: 'en' });
    const spec = /data-chart-spec[^>]*>([\s\S]*?)<\/script>/.exec(html)?.[1] ?? '';
    const domains = [...spec.matchAll(/"domain":(\[[^\]]*\])/g)].map((m) => JSON.parse(m[1]) as unknown[]);
    expect(domains).toContainEqual(['T-shirt/top', 'Trouser', 'Pullover', 'Dress', 'Coat', 'Sandal', 'Shirt', 'Sneaker', 'Bag', 'Ankle boot']);
  });
});

describe('figures of a colour folder without Chinese names', () => {
  let fake: FakeArtifacts;
  let zh = '';
  let zhHtml = '';
  beforeAll(async () => {
    fake = await makeFakeArtifacts({ data: 'colour-folder' });
    zhHtml = await renderMarkdown('::digits{set="gallery"}\n\n::input', { artifactsDir: fake.dir, lang: 'zh' });
    zh = readerText(zhHtml);
  }, 120_000);
  afterAll(() => fake.cleanup());

  it('show the English names on the Chinese page, with a note saying why', () => {
    expect(zh).toMatch(/真实：[a-z]/);
    expect(zhHtml).toContain('data-english-names');
    expect(zh).toContain('这份数据没有提供中文类别名称');
    expect(zh).not.toContain('数字');
  });

  it('describe the first layer’s kernels as red, green and blue, not as blue and red weights, in both languages', async () => {
    for (const lang of ['en', 'zh'] as const) {
      const html = readerText(await renderMarkdown('::filters', { artifactsDir: fake.dir, lang }));
      expect(html).toContain(lang === 'en' ? 'weights for red, green and blue as one colour' : '对红、绿、蓝的权重合成一种颜色');
      expect(html).not.toContain(lang === 'en' ? 'Blue weights are negative' : '蓝色为负权重');
    }
  });

  it('add no such note to the English page', async () => {
    const en = await renderMarkdown('::digits{set="gallery"}', { artifactsDir: fake.dir, lang: 'en' });
    expect(en).not.toContain('data-english-names');
    expect(readerText(en)).not.toMatch(/digit/i);
  });
});

describe('figures of MNIST', () => {
  let fake: FakeArtifacts;
  beforeAll(async () => {
    fake = await makeFakeArtifacts();
  }, 120_000);
  afterAll(() => fake.cleanup());

  it('still show the digits, which are the class names', async () => {
    const text = readerText(await renderMarkdown('::digits{set="samples"}\n\n::chart{name="top3"}', { artifactsDir: fake.dir, lang: 'en' }));
    expect(text).toMatch(/True: [0-9] · predicted: [0-9]/);
    expect(text).toContain('#51 (3)');
  });
});

describe('the embedding map of many classes', () => {
  let fake: FakeArtifacts;
  beforeAll(async () => {
    fake = await makeFakeArtifacts();
  }, 120_000);
  afterAll(() => fake.cleanup());

  /** The fake's points, with the manifest claiming `count` classes (the points use the first ten). */
  async function mapOf(count: number, lang: Lang): Promise<string> {
    const artifacts = loadArtifacts(fake.dir);
    const manifest = { ...artifacts.manifest, data: { ...artifacts.manifest.data, classes: numberedClasses(count) } };
    return embeddingMapDirective.render({}, { artifacts: { ...artifacts, manifest }, lang, t: translator(lang, 'image'), base: '/' });
  }

  it('says in a note how the colours run when there are too many classes for a legend', async () => {
    const html = await mapOf(30, 'en');
    expect(readerText(html)).toContain('With 30 classes the colours run through the viridis scale in label order, from class 0 (dark purple) to class 29 (yellow)');
    expect(readerText(await mapOf(30, 'zh'))).toContain('从“类别 0”（深紫）到“类别 29”（黄）');
  });

  it('keeps a legend and no such note up to twenty classes', async () => {
    const html = await mapOf(20, 'en');
    expect(readerText(html)).not.toContain('viridis');
    expect(html).toContain('class 19');
  });
});

