import { describe, expect, it } from 'vitest';
import type { Evaluation } from '../../pipeline/artifacts/types';
import { fashionMnistClasses, mnistClasses, numberedClasses, type DataClasses } from '../../shared/data/classes';
import { classLabeller, classNamesFor, showsEnglishNames } from '../../site/lib/classLabels';
import { classAxisLayout } from '../../site/lib/charts/classAxis';
import { confusionChart } from '../../site/lib/charts/confusion';
import { classColours, embeddingMapChart, mapRows } from '../../site/lib/charts/embeddingMap';
import { perClassChart } from '../../site/lib/charts/perClass';
import { renderChartSvg } from '../../site/lib/charts/render';
import { translator } from '../../site/lib/i18n';

const englishOnly: DataClasses = { en: ['apple', 'jar', 'kite'], zh: ['apple', 'jar', 'kite'], source: 'folders', zhFromEnglish: true, noun: 'image' };

function evaluationOf(count: number): Evaluation {
  const confusion = Array.from({ length: count }, (_, i) => Array.from({ length: count }, (_, j) => (i === j ? 90 : (i + j) % 7 === 0 ? 2 : 0)));
  const perClass = Array.from({ length: count }, (_, digit) => ({ digit, precision: 0.9, recall: 0.85 + (digit % 10) / 100, f1: 0.88, support: 92 }));
  return { confusion, perClass } as unknown as Evaluation;
}

describe('class names for a page', () => {
  it('gives each label its name in the page\'s language, in label order', () => {
    expect(classNamesFor(fashionMnistClasses(), 'en').slice(-2)).toEqual(['Bag', 'Ankle boot']);
    expect(classNamesFor(fashionMnistClasses(), 'zh').slice(-2)).toEqual(['包', '短靴']);
    expect(classLabeller(mnistClasses(), 'zh')(7)).toBe('7');
  });

  it('shows the English names on Chinese pages when the data gave no Chinese ones', () => {
    expect(classNamesFor(englishOnly, 'zh')).toEqual(['apple', 'jar', 'kite']);
    expect(showsEnglishNames(englishOnly, 'zh')).toBe(true);
    expect(showsEnglishNames(englishOnly, 'en')).toBe(false);
    expect(showsEnglishNames(fashionMnistClasses(), 'zh')).toBe(false);
  });

  it('keeps two classes apart when their names in one language are the same', () => {
    const same: DataClasses = { ...englishOnly, zh: ['猫', '猫', '狗'], zhFromEnglish: false };
    expect(classNamesFor(same, 'zh')).toEqual(['猫 (0)', '猫 (1)', '狗']);
  });

  it('refuses a label outside the classes', () => {
    expect(() => classLabeller(englishOnly, 'en')(3)).toThrow(/label 3 is outside the 3 classes/);
  });
});

describe('charts with a class axis', () => {
  const t = translator('en', 'image');

  it('keep the digits level and slant longer names', () => {
    expect(classAxisLayout(mnistClasses().en).labelAngle).toBe(0);
    expect(classAxisLayout(fashionMnistClasses().en).labelAngle).toBe(-45);
    expect(classAxisLayout(numberedClasses(100).en)).toMatchObject({ step: 10, labelAngle: -90, labelFontSize: 8 });
  });

  it('grow the confusion matrix with the class count and drop the cell numbers when cells get small', async () => {
    const ten = confusionChart(evaluationOf(10), { t, names: fashionMnistClasses().en }) as { width: number; layer: unknown[] };
    const hundred = confusionChart(evaluationOf(100), { t, names: numberedClasses(100).en }) as { width: number; layer: unknown[] };
    expect(ten.width).toBe(360);
    expect(ten.layer).toHaveLength(2);
    expect(hundred.width).toBe(1000);
    expect(hundred.layer).toHaveLength(1);
    const svg = await renderChartSvg(hundred as never);
    expect(svg).toContain('class 99');
  });

  it('refuse a confusion matrix whose size is not the class count', () => {
    expect(() => confusionChart(evaluationOf(3), { t, names: fashionMnistClasses().en })).toThrow(/3 rows but the data has 10 classes/);
  });

  it('lay the per-class bars down for many classes, one row per class', async () => {
    const few = perClassChart(evaluationOf(10), { t, names: fashionMnistClasses().en }) as { encoding: Record<string, { field?: string }> };
    const many = perClassChart(evaluationOf(40), { t, names: numberedClasses(40).en }) as { height: number; encoding: Record<string, { field?: string }> };
    expect(few.encoding.x?.field).toBe('class');
    expect(many.encoding.y?.field).toBe('class');
    expect(many.height).toBe(40 * 14);
    expect(await renderChartSvg(many as never)).toContain('class 39');
  });

  it('colour the embedding map by class with a legend up to 20 classes and viridis without one beyond', () => {
    expect(classColours(10)).toEqual({ scheme: 'category10', legend: true });
    expect(classColours(20)).toEqual({ scheme: 'tableau20', legend: true });
    expect(classColours(21)).toEqual({ scheme: 'viridis', legend: false });
    const spec = embeddingMapChart([], { t, names: numberedClasses(30).en }, { layer: 'dense', units: 8 }) as unknown as { encoding: { color: { legend?: null; scale: { domain: string[] } } } };
    expect(spec.encoding.color.legend).toBeNull();
    expect(spec.encoding.color.scale.domain).toHaveLength(30);
  });

  it('names the embedding map\'s classes in its legend, from the label numbers the points carry', async () => {
    const rows = mapRows([
      { index: 0, umap: [0, 0], pca: [0, 0], label: 9, predicted: 9 },
      { index: 1, umap: [1, 1], pca: [1, 1], label: 0, predicted: 5 },
    ]);
    const svg = await renderChartSvg(embeddingMapChart(rows, { t: translator('zh', 'image'), names: fashionMnistClasses().zh }, { layer: 'dense', units: 8 }));
    expect(svg).toContain('短靴');
    expect(svg).toContain('T 恤/上衣');
  });
});
