import { nearChance } from '../../../pipeline/model/modelNotes';
import { formatPercent } from '../format/number';
import { escapeHtml } from '../html';
import type { Lang } from '../i18n';
import type { DirectiveSpec } from './context';

const TEXT: Record<Lang, (accuracy: string, chance: string, other: string) => string> = {
  en: (accuracy, chance, other) => `This model classifies only ${accuracy} of the test images correctly, near chance (${chance}). Most likely its pixels were scaled differently when it was trained: build again with --input-scale ${other}.`,
  zh: (accuracy, chance, other) => `这个模型只判对了 ${accuracy} 的测试图，接近随机猜测（${chance}）。最可能的原因是它训练时的像素缩放方式不同：请加上 --input-scale ${other} 重新构建。`,
};

/**
 * `::chance-note` — a warning when the model scores below twice the chance rate (the same rule the
 * pipeline's log applies, pipeline/model/modelNotes.ts), suggesting the other input scaling; nothing otherwise.
 */
export const chanceNoteDirective: DirectiveSpec = {
  kind: 'leaf',
  attributes: [],
  render(_attributes, { artifacts, lang }) {
    const { model, metrics } = artifacts.manifest;
    const accuracy = metrics.test_accuracy;
    if (accuracy === undefined || !nearChance(accuracy, model.classes)) return '';
    const other = model.input.scale === 'unit' ? 'byte' : 'unit';
    const text = TEXT[lang](formatPercent(accuracy, lang, 1), formatPercent(1 / model.classes, lang, 1), other);
    return `<p class="chance-note" role="note"><strong>${escapeHtml(text)}</strong></p>`;
  },
};
