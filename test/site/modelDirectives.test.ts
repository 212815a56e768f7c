// The directives that make the prose true of any model (issue #20): passages kept or dropped by the
// model's source, :model facts, ::layer-sections and ::model-source, each rendered through the plugin.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { derivedMetrics } from '../../pipeline/evaluate/report';
import { loadArtifacts } from '../../site/lib/artifacts/load';
import { frontmatterFor } from '../../site/lib/content/pages';
import { MODEL_FACTS } from '../../site/lib/directives/modelFacts';
import { layerSentence } from '../../site/lib/directives/layerSections';
import { IMPORTED_DESCRIPTION } from './importedDescription';
import { TUTORIAL_DESCRIPTION } from '../model/tutorialDescription';
import { renderMarkdown } from './helpers';
import { sharedFakeArtifacts, type FakeArtifacts } from './sharedFakeArtifacts';

const PAGE = '/x/content/en/page.md';
let tutorial: FakeArtifacts;
let imported: FakeArtifacts;
beforeAll(async () => {
  [tutorial, imported] = await Promise.all([sharedFakeArtifacts(), sharedFakeArtifacts({ model: 'imported' })]);
}, 120_000);
afterAll(async () => {
  await tutorial.cleanup();
  await imported.cleanup();
});

const render = (markdown: string, fake: FakeArtifacts, lang: 'en' | 'zh' = 'en') => renderMarkdown(markdown, { artifactsDir: fake.dir, path: PAGE, lang });
const text = (html: string) => html.replace(/<[^>]+>/g, '').trim();
const errorOf = (markdown: string, fake: FakeArtifacts) => render(markdown, fake).then(() => '', (e: Error) => e.message);

const PASSAGES = `:::tutorial-network

Three blocks.

::gallery{layer="conv2d_2"}

:::

:::other-network

Another network.

:::

:::trained-here

Trained here.

:::

:::imported

Read from a file.

:::`;

describe('passage directives', () => {
  it('keep the tutorial\'s passages for the tutorial\'s network and drop the others', async () => {
    const html = await render(PASSAGES, tutorial);
    expect(html).toContain('<p>Three blocks.</p>');
    expect(html).toContain('data-gallery="conv2d_2"');
    expect(html).toContain('<p>Trained here.</p>');
    expect(html).not.toContain('Another network.');
    expect(html).not.toContain('Read from a file.');
  });

  it('keep the other passages for an imported model, and never render the directives of a dropped one', async () => {
    // conv2d_2 is no layer of the imported model: its gallery would fail if it were rendered.
    const html = await render(PASSAGES, imported);
    expect(text(html).split(/\s*\n\s*/)).toEqual(['Another network.', 'Read from a file.']);
  });

  it('leave the passage\'s content as it would be without the passage', async () => {
    expect(await render(':::tutorial-network\n\n## A heading\n\n- one\n- two\n\n:::', tutorial)).toBe(await render('## A heading\n\n- one\n- two', tutorial));
  });

  it('nest, with the outer fence longer than the inner', async () => {
    const md = '::::other-network\n\nOuter.\n\n:::imported\n\nInner.\n\n:::\n\n:::trained-here\n\nNot this.\n\n:::\n\n::::';
    expect(text(await render(md, imported)).split(/\s*\n\s*/)).toEqual(['Outer.', 'Inner.']);
    expect(text(await render(md, tutorial))).toBe('');
  });

  it('fail the build when a passage is never closed, instead of swallowing the rest of the page', async () => {
    expect(await errorOf('Before.\n\n:::imported\n\nInside.\n\n## Later heading', tutorial)).toBe(
      `${PAGE}:3:1 :::imported: :::imported is never closed: end the passage with a line of ":::". As written, everything after it belongs to the passage.`,
    );
  });

  it('fail the build when a passage is closed by a shorter fence than it opened with', async () => {
    expect(await errorOf('::::imported\n\nInside.\n\n:::\n\nAfter.', tutorial)).toBe(
      `${PAGE}:1:1 :::imported: ::::imported is never closed: end the passage with a line of "::::". As written, everything after it belongs to the passage.`,
    );
  });

  it('refuse attributes, unknown names and the wrong number of colons', async () => {
    expect(await errorOf(':::imported{when="now"}\n\nx\n\n:::', tutorial)).toBe(`${PAGE}:1:1 :::imported: :::imported takes no attributes`);
    expect(await errorOf(':::tutorial\n\nx\n\n:::', tutorial)).toMatch(new RegExp(`^${PAGE}:1:1 :::tutorial: unknown directive ":::tutorial". Valid directives: .*:::tutorial-network, :::other-network, :::tutorial-layers, :::from-architecture, :::trained-here, :::imported, :::with-embedding, :::without-embedding, :::mnist-data, :::other-data, :::fashion-mnist-data, :::image-folder, :::grey-data, :::colour-data, :::stopped-early, :::ran-to-limit, :::preview-run, :::full-run\\.`));
    expect(await errorOf(':::gallery{layer="conv2d"}\n\nx\n\n:::', tutorial)).toBe(`${PAGE}:1:1 :::gallery: ":::gallery" must be written as ::gallery`);
    expect(await errorOf('::imported', tutorial)).toBe(`${PAGE}:1:1 ::imported: "::imported" must be written as :::imported, on its own line, closed by a line of ":::"`);
  });
});

describe(':model facts', () => {
  const fact = async (name: string, fake: FakeArtifacts, lang: 'en' | 'zh' = 'en') => text(await render(`:model{fact="${name}"}`, fake, lang));

  it('state the tutorial network\'s facts as the tutorial has them', async () => {
    expect(await fact('filters', tutorial)).toBe('32, 64, 128');
    expect(await fact('filters', tutorial, 'zh')).toBe('32、64、128');
    expect(await fact('map-sizes', tutorial)).toBe('26, 13, 11, 5, 3, 1');
    expect(await fact('total-params', tutorial)).toBe('110,474');
    expect(await fact('largest-layer', tutorial)).toBe('conv2d_2');
    expect(await fact('largest-share', tutorial)).toBe('67%');
    expect(await fact('visualized', tutorial)).toBe('8');
    expect(await fact('last-visualized', tutorial)).toBe('max_pooling2d_2');
    expect(await fact('input-size', tutorial)).toBe('28×28×1');
    expect(await fact('cascade', tutorial)).toBe('dense_1, dense, conv2d_2, conv2d_1, conv2d');
    expect(await fact('gradcam-layers', tutorial)).toBe('conv2d_2 (a 3×3 grid) and conv2d_1 (a 11×11 grid)');
  });

  it('state an imported model\'s own facts, in both languages', async () => {
    expect(await fact('layers', imported)).toBe('11');
    expect(await fact('filters', imported)).toBe('16, 36');
    expect(await fact('filters', imported, 'zh')).toBe('16、36');
    expect(await fact('map-sizes', imported)).toBe('28, 14, 7');
    expect(await fact('largest-layer', imported)).toBe('dense');
    expect(await fact('largest-share', imported)).toBe('93%');
    expect(await fact('first-kernel', imported)).toBe('5×5');
    expect(await fact('embedding', imported)).toBe('dense');
    expect(await fact('file', imported)).toBe('mnist_cnn.h5');
    expect(await fact('container', imported)).toBe('legacy Keras HDF5 file (.h5)');
    expect(await fact('container', imported, 'zh')).toBe('旧版 Keras HDF5 文件（.h5）');
    expect(await fact('keras-version', imported)).toBe('2.10.0');
    expect(await fact('gradcam-layers', imported, 'zh')).toBe('conv2d_1（14×14 网格） 和 conv2d（28×28 网格）');
  });

  it('fail the build for an unknown fact, naming the valid ones', async () => {
    expect(await errorOf(':model{fact="depth"}', tutorial)).toBe(`${PAGE}:1:1 :model: unknown model fact "depth". Valid values: ${MODEL_FACTS.join(', ')}`);
  });

  it('refuse a file\'s facts for the tutorial\'s network, which was built here', async () => {
    expect(await errorOf(':model{fact="sha256"}', tutorial)).toBe(`${PAGE}:1:1 :model: sha256 is a fact of a model read from a file; the tutorial's network was built here. Put it inside :::imported.`);
  });
});

describe('::layer-sections', () => {
  it('gives every visualized layer its heading, a sentence of its facts and its gallery, in order', async () => {
    const html = await render('::layer-sections', imported);
    const headings = [...html.matchAll(/<h3 id="layer-([\w-]+)"><code>\1<\/code> \((\w+)\)<\/h3>/g)].map((m) => `${m[1]}:${m[2]}`);
    expect(headings).toEqual(['conv2d:Conv2D', 'activation:Activation', 'max_pooling2d:MaxPooling2D', 'conv2d_1:Conv2D', 'activation_1:Activation', 'max_pooling2d_1:MaxPooling2D']);
    expect([...html.matchAll(/data-gallery="([\w-]+)"/g)].map((m) => m[1])).toEqual(IMPORTED_DESCRIPTION.visualized);
  });

  it('words each kind of layer from its description', () => {
    const layer = (model: typeof TUTORIAL_DESCRIPTION, name: string) => model.layers.find((l) => l.name === name)!;
    expect(layerSentence(layer(IMPORTED_DESCRIPTION, 'conv2d'), IMPORTED_DESCRIPTION, 'en')).toBe('A convolution with 16 filters of 5×5, padded, with no activation (linear): each filter reads every channel of its input, and the output is 16 maps of 28×28.');
    expect(layerSentence(layer(TUTORIAL_DESCRIPTION, 'conv2d_1'), TUTORIAL_DESCRIPTION, 'zh')).toBe('一个卷积层：64 个 3×3 的滤波器，不填充，激活函数为 ReLU。每个滤波器读取输入的全部通道，输出 64 张 11×11 的特征图。');
    expect(layerSentence(layer(TUTORIAL_DESCRIPTION, 'max_pooling2d_1'), TUTORIAL_DESCRIPTION, 'en')).toBe('A pooling layer: it keeps the largest value of each window, taking the maps from 11×11 to 5×5, still 64 channels.');
    expect(layerSentence(layer(TUTORIAL_DESCRIPTION, 'dropout'), TUTORIAL_DESCRIPTION, 'en')).toBe('A Dropout layer, identical to the layer before at inference: it zeroes 30% of its inputs at random only during training, so its 32 maps of 13×13 repeat the previous grid.');
    expect(layerSentence(layer(IMPORTED_DESCRIPTION, 'activation_1'), IMPORTED_DESCRIPTION, 'en')).toBe('An activation layer: it applies ReLU to every value and changes no shape, so its 36 maps of 14×14 are the previous layer\'s with ReLU applied.');
  });
});

describe('::model-source', () => {
  it('lists where an imported model came from', async () => {
    const html = text(await render('::model-source', imported));
    for (const value of ['mnist_cnn.h5', 'legacy Keras HDF5 file (.h5)', '2.10.0', 'Adam', 'categorical_crossentropy', IMPORTED_DESCRIPTION.source.sha256!]) expect(html).toContain(value);
  });

  it('refuses the tutorial\'s network, which came from no file', async () => {
    expect(await errorOf('::model-source', tutorial)).toBe(`${PAGE}:1:1 ::model-source: this model was built and trained here (source "tutorial"), not read from a file; put ::model-source inside :::imported`);
  });
});

describe('an imported model\'s artifacts', () => {
  it('load without a training history, and say so when something asks for one', () => {
    const artifacts = loadArtifacts(imported.dir);
    expect(() => artifacts.history).toThrow(/the model was imported from mnist_cnn\.h5, not trained here, so there is no training history; show training-only content inside :::trained-here/);
  });

  it('derive no training metrics, not even the training images, without a history', () => {
    const artifacts = loadArtifacts(imported.dir);
    const names = derivedMetrics({ evaluation: artifacts.evaluation, summary: artifacts.summary, data: loadArtifacts(tutorial.dir).manifest.data }).map((m) => m.name);
    expect(names).toEqual(['test_accuracy', 'test_loss', 'misclassified', 'total_params', 'test_images']);
  });

  it('fail a chart that needs the training history with that message', async () => {
    expect(await errorOf('::chart{name="loss"}', imported)).toMatch(/::chart: .*not trained here, so there is no training history/);
  });
});

describe('page titles and descriptions', () => {
  const data = { title: 'Training', description: 'How it was trained.', page: 'training' as const, order: 3, otherDescription: 'Trained here, another network.', importedTitle: 'Where the model comes from', importedDescription: 'The file.' };

  it('follow the model: the imported variant, then the other-network one, then the page\'s own', () => {
    expect(frontmatterFor(data, TUTORIAL_DESCRIPTION)).toEqual({ title: 'Training', description: 'How it was trained.' });
    expect(frontmatterFor(data, { ...TUTORIAL_DESCRIPTION, source: { kind: 'architecture' } })).toEqual({ title: 'Training', description: 'Trained here, another network.' });
    expect(frontmatterFor(data, { ...TUTORIAL_DESCRIPTION, source: { kind: 'imported' } })).toEqual({ title: 'Where the model comes from', description: 'The file.' });
    // The tutorial's layers built for other data (here 32×32×3, three classes) are another network, as far as prose goes.
    expect(frontmatterFor(data, { ...TUTORIAL_DESCRIPTION, input: { ...TUTORIAL_DESCRIPTION.input, height: 32, width: 32, channels: 3 }, classes: 3 }).description).toBe('Trained here, another network.');
    expect(frontmatterFor({ ...data, importedDescription: undefined }, { ...TUTORIAL_DESCRIPTION, source: { kind: 'imported' } }).description).toBe('Trained here, another network.');
  });
});
