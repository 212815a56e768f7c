// The directives that make the prose true of any data (issue #21): passages kept or dropped by the data
// (:::mnist-data, :::other-data, :::image-folder), :data facts and ::data-description, rendered through the plugin.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DATA_FACTS } from '../../site/lib/directives/dataFacts';
import { FAKE_FOLDER_CLASSES } from './fakeArtifacts';
import { renderMarkdown } from './helpers';
import { sharedFakeArtifacts, type FakeArtifacts } from './sharedFakeArtifacts';

const PAGE = '/x/content/en/page.md';
let mnist: FakeArtifacts;
let fashion: FakeArtifacts;
let folder: FakeArtifacts;
beforeAll(async () => {
  [mnist, fashion, folder] = await Promise.all([sharedFakeArtifacts(), sharedFakeArtifacts({ data: 'fashion' }), sharedFakeArtifacts({ data: 'colour-folder' })]);
}, 120_000);
afterAll(async () => {
  for (const fake of [mnist, fashion, folder]) await fake.cleanup();
});

const render = (markdown: string, fake: FakeArtifacts, lang: 'en' | 'zh' = 'en') => renderMarkdown(markdown, { artifactsDir: fake.dir, path: PAGE, lang });
const text = (html: string) => html.replace(/<[^>]+>/g, '').trim();
const errorOf = (markdown: string, fake: FakeArtifacts) => render(markdown, fake).then(() => '', (e: Error) => e.message);

const PASSAGES = ':::mnist-data\n\nHandwritten digits.\n\n:::\n\n:::other-data\n\nOther images.\n\n:::\n\n:::image-folder\n\nA folder.\n\n:::';

describe('data passage directives', () => {
  it('keep the MNIST passage for MNIST and drop the others', async () => {
    expect(text(await render(PASSAGES, mnist))).toBe('Handwritten digits.');
  });

  it('keep the other-data passage for Fashion-MNIST, which is IDX but not digits', async () => {
    expect(text(await render(PASSAGES, fashion))).toBe('Other images.');
  });

  it('keep the other-data and image-folder passages for an image folder', async () => {
    expect(text(await render(PASSAGES, folder)).split(/\s*\n\s*/)).toEqual(['Other images.', 'A folder.']);
  });

  it('keep the blue/red kernel passage for a one-channel model and the RGB one for a three-channel model', async () => {
    const md = ':::grey-data\n\nBlue and red.\n\n:::\n\n:::colour-data\n\nRed, green and blue.\n\n:::';
    expect(text(await render(md, mnist))).toBe('Blue and red.');
    expect(text(await render(md, fashion))).toBe('Blue and red.');
    expect(text(await render(md, folder))).toBe('Red, green and blue.');
  });

  it('keep the Fashion-MNIST passage (its credit) only for Fashion-MNIST', async () => {
    const md = ':::fashion-mnist-data\n\nBy Zalando Research.\n\n:::';
    expect(text(await render(md, fashion))).toBe('By Zalando Research.');
    expect(text(await render(md, mnist))).toBe('');
    expect(text(await render(md, folder))).toBe('');
  });

  it('treat the tutorial’s layers built for other data (28×28×3 here) as another network, whose sizes are not the tutorial’s', async () => {
    const md = ':::tutorial-network\n\n110,474 parameters.\n\n:::\n\n:::other-network\n\nIts own sizes.\n\n:::';
    expect(text(await render(md, mnist))).toBe('110,474 parameters.');
    expect(text(await render(md, fashion))).toBe('110,474 parameters.');
    expect(text(await render(md, folder))).toBe('Its own sizes.');
    const trained = ':::tutorial-layers\n\nThe tutorial’s layers, resized.\n\n:::\n\n:::from-architecture\n\nAn architecture file.\n\n:::';
    expect(text(await render(trained, folder))).toBe('The tutorial’s layers, resized.');
    expect(text(await render(trained, mnist))).toBe('');
  });

  it('nest inside the model passages', async () => {
    const md = '::::tutorial-network\n\n:::other-data\n\nTutorial network, other data.\n\n:::\n\n::::';
    expect(text(await render(md, fashion))).toBe('Tutorial network, other data.');
    expect(text(await render(md, mnist))).toBe('');
  });
});

describe(':data facts', () => {
  const fact = async (name: string, fake: FakeArtifacts, lang: 'en' | 'zh' = 'en') => text(await render(`:data{fact="${name}"}`, fake, lang));

  it('name the data set, or the folder it was read from', async () => {
    expect(await fact('name', mnist)).toBe('MNIST');
    expect(await fact('name', fashion, 'zh')).toBe('Fashion-MNIST');
    expect(await fact('name', folder)).toBe('the images in /data/shapes');
    expect(await fact('name', folder, 'zh')).toBe('/data/shapes 中的图像');
  });

  it('give counts, size and channels in the page language', async () => {
    expect(await fact('train-count', mnist)).toBe('2,000');
    expect(await fact('train-available', mnist)).toBe('60,000');
    expect(await fact('size', folder)).toBe('28×28');
    expect(await fact('channels', mnist)).toBe('greyscale (one channel)');
    expect(await fact('channels', folder, 'zh')).toBe('彩色（红、绿、蓝三个通道）');
    expect(await fact('class-count', fashion)).toBe('10');
  });

  it('list the class names in the page language', async () => {
    expect(await fact('class-list', fashion)).toBe('T-shirt/top, Trouser, Pullover, Dress, Coat, Sandal, Shirt, Sneaker, Bag, Ankle boot');
    expect(await fact('class-list', fashion, 'zh')).toContain('运动鞋、包、短靴');
    expect(await fact('class-list', folder, 'zh')).toBe(FAKE_FOLDER_CLASSES.join('、'));
  });

  it('call one item a digit only for digits', async () => {
    expect(await fact('noun', mnist)).toBe('digit');
    expect(await fact('nouns', fashion)).toBe('images');
    expect(await fact('noun', folder, 'zh')).toBe('图像');
    expect(await fact('noun', mnist, 'zh')).toBe('数字');
  });

  it('say where the class names came from', async () => {
    expect(await fact('names-source', folder)).toBe('The class names are the names of the class folders.');
    expect(await fact('names-source', fashion)).toMatch(/Fashion-MNIST/);
  });

  it('name the class of the article\'s test image in the page language', async () => {
    expect(await fact('article-class', mnist)).toBe('3');
    expect(await fact('article-class', fashion)).toBe('Dress');
    expect(await fact('article-class', fashion, 'zh')).toBe('连衣裙');
  });

  it('say how the data was read: known files checked against published checksums, or a folder and its fit rule', async () => {
    expect(await fact('reading', fashion)).toBe('The four Fashion-MNIST files (IDX format) are read from /usr/share/datasets/fashion-mnist. The pipeline checks their structure and their SHA-256 checksums against the published ones.');
    const folderReading = await fact('reading', folder);
    expect(folderReading).toMatch(/^The pictures are read from \/data\/shapes: one folder per class under train\/ and test\//);
    expect(folderReading).toContain('transparent pixels are laid over black');
  });

  it('refuse an unknown fact with the valid ones', async () => {
    expect(await errorOf(':data{fact="colour"}', mnist)).toBe(`${PAGE}:1:1 :data: unknown data fact "colour". Valid values: ${DATA_FACTS.join(', ')}`);
  });
});

describe('::data-description', () => {
  it('describes Fashion-MNIST with its class names and one strip per class, alt texts naming the class', async () => {
    const html = await render('::data-description', fashion);
    expect(text(html)).toContain('The data is Fashion-MNIST: 60,000 training and 10,000 test images of 28×28 pixels, greyscale (one channel), in 10 classes.');
    expect(text(html)).toContain('This build uses 2,000 of the training images');
    expect(html.match(/<img /g)).toHaveLength(10);
    expect(html).toContain('alt="4 test images of the class Ankle boot"');
    expect(html).toContain('<figcaption>9: Ankle boot</figcaption>');
    expect(html).toContain('src="/artifacts/visuals/classes/class-9.png"');
    expect(html).not.toMatch(/digit/i);
  });

  it('names the classes in Chinese on a Chinese page, with no note when Chinese names were given', async () => {
    const html = await render('::data-description', fashion, 'zh');
    expect(html).toContain('<figcaption>9：短靴</figcaption>');
    expect(html).toContain('alt="类别“短靴”的 4 张测试图"');
    expect(html).not.toContain('data-note');
    expect(html).not.toContain('数字');
  });

  it('describes an image folder: the fit rule, picture sizes, colour count and skipped files', async () => {
    const html = text(await render('::data-description', folder));
    expect(html).toContain('in colour (three channels: red, green and blue), in 10 classes');
    expect(html).toContain('the largest centred rectangle with the input’s aspect ratio is cut out');
    expect(html).toContain('transparent pixels are laid over black');
    expect(html).toContain('from 24×24 to 64×48 pixels');
    expect(html).toContain('2 files that were not pictures were skipped, for example train/apple/notes.txt, test/jar/.DS_Store.');
    expect(html).toContain('The class names are the names of the class folders.');
    expect(html).not.toContain('Colour pictures become grey');
  });

  it('says on the Chinese page, and only there, that no Chinese class names were given and how to add them', async () => {
    expect(await render('::data-description', folder, 'zh')).toMatch(/<p class="data-note" role="note">数据没有提供中文类别名.*classes\.json/);
    expect(await render('::data-description', folder)).not.toContain('data-note');
  });

  it('describes MNIST as the digits 0 to 9 without the folder rule', async () => {
    const html = text(await render('::data-description', mnist));
    expect(html).toContain('The data is MNIST');
    expect(html).toContain('The classes are the digits 0 to 9.');
    expect(html).not.toContain('fitted');
  });
});
