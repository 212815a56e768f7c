import { INFERENCE_IDENTITY, type DescribedLayer, type ModelDescription } from '../../../pipeline/model/description';
import { formatInt, formatPercent } from '../format/number';
import { escapeHtml } from '../html';
import type { Lang } from '../i18n';
import type { DirectiveContext, DirectiveSpec } from './context';
import { galleryDirective } from './gallery';
import { mapSize } from './modelFacts';

const ACTIVATION_NAMES: Record<string, Record<Lang, string>> = {
  relu: { en: 'ReLU', zh: 'ReLU' },
  linear: { en: 'no activation (linear)', zh: '线性（即不带激活）' },
  sigmoid: { en: 'a sigmoid', zh: 'sigmoid' },
  tanh: { en: 'tanh', zh: 'tanh' },
  softmax: { en: 'a softmax', zh: 'softmax' },
};

function activationName(activation: string | undefined, lang: Lang): string {
  const name = activation ?? 'linear';
  return ACTIVATION_NAMES[name]?.[lang] ?? escapeHtml(name);
}

/** Chinese text sets Latin words apart with a space, not CJK ones: "激活函数为 ReLU" but "激活函数为线性". */
function zhSpaced(word: string): string {
  return /^[A-Za-z]/.test(word) ? ` ${word}` : word;
}

/** The map size of a layer and of the layer before it (the input for the first). */
function sizes(layer: DescribedLayer, model: ModelDescription): { size: string; channels: number; before: string } {
  const at = model.layers.indexOf(layer);
  const previous = at > 0 ? model.layers[at - 1]!.outputShape : [model.input.height, model.input.width, model.input.channels];
  return { size: mapSize(layer.outputShape.slice(0, 2)), channels: layer.outputShape[2] ?? 0, before: mapSize(previous.slice(0, 2)) };
}

/**
 * One sentence of facts about a visualized layer, from its description alone: what kind of layer it is,
 * what it does to the maps and what comes out.
 */
export function layerSentence(layer: DescribedLayer, model: ModelDescription, lang: Lang): string {
  const { size, channels, before } = sizes(layer, model);
  const n = formatInt(channels, lang);
  const kernel = layer.kernelSize ? mapSize(layer.kernelSize) : '';
  const en = lang === 'en';
  if (layer.type === 'Conv2D') {
    return en
      ? `A convolution with ${formatInt(layer.filters ?? channels, lang)} filters of ${kernel}, ${layer.padding === 'same' ? 'padded' : 'unpadded'}, with ${activationName(layer.activation, lang)}: each filter reads every channel of its input, and the output is ${n} maps of ${size}.`
      : `一个卷积层：${formatInt(layer.filters ?? channels, lang)} 个 ${kernel} 的滤波器，${layer.padding === 'same' ? '带填充' : '不填充'}，激活函数为${zhSpaced(activationName(layer.activation, lang))}。每个滤波器读取输入的全部通道，输出 ${n} 张 ${size} 的特征图。`;
  }
  if (/Pooling2D$/.test(layer.type) && !/^Global/.test(layer.type)) {
    const how = layer.type.startsWith('Average') ? (en ? 'average' : '平均值') : (en ? 'largest value' : '最大值');
    return en
      ? `A pooling layer: it keeps the ${how} of each window, taking the maps from ${before} to ${size}, still ${n} channels.`
      : `一个池化层：在每个窗口里取${how}，把特征图从 ${before} 缩到 ${size}，通道数仍是 ${n}。`;
  }
  if (INFERENCE_IDENTITY.has(layer.type)) {
    const rate = layer.rate === undefined ? '' : formatPercent(layer.rate, lang, 0);
    return en
      ? `A ${layer.type} layer, identical to the layer before at inference: ${rate ? `it zeroes ${rate} of its inputs at random ` : 'it acts '}only during training, so its ${n} maps of ${size} repeat the previous grid.`
      : `一个 ${layer.type} 层，推理时与前一层完全相同：${rate ? `它只在训练时随机把 ${rate} 的输入置零` : '它只在训练时起作用'}，所以这 ${n} 张 ${size} 的特征图重复了上一幅网格。`;
  }
  if (layer.type === 'Activation' || layer.type === 'ReLU' || layer.type === 'LeakyReLU') {
    const fn = layer.type === 'Activation' ? activationName(layer.activation, lang) : layer.type;
    return en
      ? `An activation layer: it applies ${fn} to every value and changes no shape, so its ${n} maps of ${size} are the previous layer's with ${fn} applied.`
      : `一个激活层：对每个值施加 ${fn}，形状不变，这 ${n} 张 ${size} 的特征图就是上一层施加 ${fn} 之后的结果。`;
  }
  if (layer.type === 'BatchNormalization') {
    return en
      ? `Batch normalisation: each channel is shifted and scaled with the statistics learned in training; the output is ${n} maps of ${size}.`
      : `批归一化层：每个通道用训练时学到的统计量平移和缩放，输出 ${n} 张 ${size} 的特征图。`;
  }
  return en
    ? `A ${escapeHtml(layer.type)} layer; its output is ${n} maps of ${size}.`
    : `一个 ${escapeHtml(layer.type)} 层，输出 ${n} 张 ${size} 的特征图。`;
}

export async function layerSectionsHtml(ctx: DirectiveContext): Promise<string> {
  const model = ctx.artifacts.manifest.model;
  const parts: string[] = [];
  for (const name of model.visualized) {
    const layer = model.layers.find((l) => l.name === name);
    if (!layer) throw new Error(`manifest.model.visualized names "${name}", which is not among manifest.model.layers; run the pipeline again`);
    parts.push(
      `<h3 id="layer-${escapeHtml(name)}"><code>${escapeHtml(name)}</code> (${escapeHtml(layer.type)})</h3>`,
      `<p>${layerSentence(layer, model, ctx.lang)}</p>`,
      await galleryDirective.render({ layer: name }, ctx),
    );
  }
  return parts.join('\n');
}

/**
 * `::layer-sections` — for every visualized layer of the model: a heading with its name and type, one
 * sentence of facts from the model description, and its `::gallery`. It stands in for hand-written
 * per-layer sections that are only true of one network.
 */
export const layerSectionsDirective: DirectiveSpec = {
  kind: 'leaf',
  attributes: [],
  render(_attributes, ctx) {
    return layerSectionsHtml(ctx);
  },
};
