// Facts of whatever model the manifest describes (manifest.model), worded for the page language, so
// that prose can state them for any network instead of the tutorial's constants (issue #20).
import type { DescribedLayer, ModelDescription, ModelSource } from '../../../pipeline/model/description';
import { formatInt, formatPercent } from '../format/number';
import { escapeHtml } from '../html';
import type { Lang } from '../i18n';
import { DirectiveUsageError } from './context';

export const MODEL_FACTS = [
  'layers', 'convolutions', 'filters', 'first-convolution', 'last-convolution', 'first-filters', 'first-kernel', 'input-scale', 'visualized', 'first-visualized', 'last-visualized', 'input-size', 'map-sizes',
  'largest-layer', 'largest-share', 'largest-params', 'total-params', 'classes', 'file', 'container', 'keras-version',
  'optimizer', 'loss', 'sha256', 'gradcam-layers', 'cascade', 'embedding',
] as const;
export type ModelFact = (typeof MODEL_FACTS)[number];

/** "32, 64, 128" in English, "32、64、128" in Chinese: a plain enumeration, as the prose lists numbers. */
export function enumerate(items: string[], lang: Lang): string {
  return items.join(lang === 'zh' ? '、' : ', ');
}

const CONTAINERS: Record<NonNullable<ModelSource['format']>, Record<Lang, string>> = {
  keras: { en: 'Keras 3 zip archive (.keras)', zh: 'Keras 3 zip 存档（.keras）' },
  h5: { en: 'legacy Keras HDF5 file (.h5)', zh: '旧版 Keras HDF5 文件（.h5）' },
  tfjs: { en: 'TensorFlow.js layers model (model.json)', zh: 'TensorFlow.js layers 模型（model.json）' },
  'keras-json': { en: 'Keras model configuration (JSON)', zh: 'Keras 模型配置（JSON）' },
};
const SCALES: Record<'unit' | 'byte', Record<Lang, string>> = {
  unit: { en: 'divided by 255, so they lie between 0 and 1', zh: '除以 255，落在 0 到 1 之间' },
  byte: { en: 'left as they are, between 0 and 255', zh: '保持原样，在 0 到 255 之间' },
};
const NOT_RECORDED: Record<Lang, string> = { en: 'not recorded in the file', zh: '文件中未记录' };

const code = (name: string) => `<code>${escapeHtml(name)}</code>`;

/** Height × width × channels, e.g. "28×28×1". */
export function mapSize(shape: number[]): string {
  return shape.join('×');
}

/** The layer with the most parameters (the first of equals). */
export function largestLayer(model: ModelDescription): DescribedLayer {
  return model.layers.reduce((best, l) => (l.params > best.params ? l : best));
}

/** The map sides along the visualized layers, with a repeat (dropout, activation) said once: "26, 13, 11, 5, 3, 1". */
export function mapSides(model: ModelDescription): number[] {
  const sides = model.visualized.map((name) => model.layers.find((l) => l.name === name)?.outputShape[0] ?? 0);
  return sides.filter((side, i) => i === 0 || side !== sides[i - 1]);
}

function sourceText(value: string | null | undefined, lang: Lang, what: string, model: ModelDescription): string {
  if (model.source.kind === 'tutorial') throw new DirectiveUsageError(`${what} is a fact of a model read from a file; the tutorial's network was built here. Put it inside :::imported.`);
  return value === null || value === undefined || value === '' ? NOT_RECORDED[lang] : escapeHtml(value);
}

/** Grad-CAM's layers with their grids: "`conv2d_1` (a 7×7 grid) and `conv2d` (a 14×14 grid)". */
function gradCamLayers(model: ModelDescription, lang: Lang): string {
  const items = model.gradCam.map((name) => {
    const grid = mapSize((model.layers.find((l) => l.name === name)?.outputShape ?? []).slice(0, 2));
    return lang === 'zh' ? `${code(name)}（${grid} 网格）` : `${code(name)} (a ${grid} grid)`;
  });
  if (items.length < 2) return items.join('');
  return lang === 'zh' ? `${items.slice(0, -1).join('、')} 和 ${items.at(-1)}` : `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`;
}

/** The fact as HTML (layer names in <code>), for the page language. */
export function modelFactHtml(fact: ModelFact, model: ModelDescription, lang: Lang): string {
  const int = (n: number) => formatInt(n, lang);
  const filters = model.convolutions.map((name) => model.layers.find((l) => l.name === name)?.filters ?? 0);
  switch (fact) {
    case 'layers': return int(model.layers.length);
    case 'convolutions': return int(model.convolutions.length);
    case 'filters': return enumerate(filters.map(int), lang);
    case 'first-convolution': return code(model.firstConvolution);
    case 'last-convolution': return code(model.convolutions.at(-1) ?? '');
    case 'gradcam-layers': return gradCamLayers(model, lang);
    case 'cascade': return enumerate([...model.weighted].reverse().map(code), lang);
    case 'embedding':
      if (model.embedding === null) throw new DirectiveUsageError('this model has no embedding layer (no hidden dense layer and no global pooling), so there is no embedding map; leave the passage out for it');
      return code(model.embedding);
    case 'first-filters': return int(filters[0] ?? 0);
    case 'first-kernel': return mapSize(model.layers.find((l) => l.name === model.firstConvolution)?.kernelSize ?? []);
    case 'input-scale': return SCALES[model.input.scale][lang];
    case 'visualized': return int(model.visualized.length);
    case 'first-visualized': return code(model.visualized[0] ?? '');
    case 'last-visualized': return code(model.visualized.at(-1) ?? '');
    case 'input-size': return mapSize([model.input.height, model.input.width, model.input.channels]);
    case 'map-sizes': return enumerate(mapSides(model).map(int), lang);
    case 'largest-layer': return code(largestLayer(model).name);
    case 'largest-share': return formatPercent(largestLayer(model).params / model.totalParams, lang, 0);
    case 'largest-params': return int(largestLayer(model).params);
    case 'total-params': return int(model.totalParams);
    case 'classes': return int(model.classes);
    case 'file': return code(sourceText(model.source.file, lang, 'file', model));
    case 'container': return model.source.format ? CONTAINERS[model.source.format][lang] : sourceText(undefined, lang, 'container', model);
    case 'keras-version': return sourceText(model.source.kerasVersion, lang, 'keras-version', model);
    case 'optimizer': return sourceText(model.source.optimizer, lang, 'optimizer', model);
    case 'loss': return sourceText(model.source.loss, lang, 'loss', model);
    case 'sha256': return `<code class="hash">${sourceText(model.source.sha256, lang, 'sha256', model)}</code>`;
  }
}
