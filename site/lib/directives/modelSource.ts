import { escapeHtml } from '../html';
import type { Lang } from '../i18n';
import { DirectiveUsageError, type DirectiveSpec } from './context';
import { modelFactHtml, type ModelFact } from './modelFacts';

const LABELS: Record<Lang, { caption: string; rows: [ModelFact, string][] }> = {
  en: {
    caption: 'Where the model came from',
    rows: [['file', 'File'], ['container', 'Container'], ['keras-version', 'Keras version'], ['optimizer', 'Optimizer (as recorded)'], ['loss', 'Loss (as recorded)'], ['sha256', 'SHA-256 of the file']],
  },
  zh: {
    caption: '模型的来源',
    rows: [['file', '文件'], ['container', '格式'], ['keras-version', 'Keras 版本'], ['optimizer', '优化器（文件记录）'], ['loss', '损失函数（文件记录）'], ['sha256', '文件的 SHA-256']],
  },
};

/** `::model-source` — for a model read from a file: its name, container, Keras version, recorded optimizer and loss, and checksum. */
export const modelSourceDirective: DirectiveSpec = {
  kind: 'leaf',
  attributes: [],
  render(_attributes, { artifacts, lang }) {
    const model = artifacts.manifest.model;
    if (model.source.kind !== 'imported') throw new DirectiveUsageError(`this model was built and trained here (source "${model.source.kind}"), not read from a file; put ::model-source inside :::imported`);
    const { caption, rows } = LABELS[lang];
    const body = rows.map(([fact, label]) => `<tr><th scope="row">${escapeHtml(label)}</th><td>${modelFactHtml(fact, model, lang)}</td></tr>`).join('');
    return `<div class="table-wrap"><table class="provenance model-source"><caption>${escapeHtml(caption)}</caption><tbody>${body}</tbody></table></div>`;
  },
};
