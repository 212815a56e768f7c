import type { EmbeddingIndex } from '../../../pipeline/explain/embedding/embeddingIndex';
import { formatFixed, formatInt } from '../format/number';
import { escapeHtml } from '../html';
import { requireOneOf, type DirectiveSpec } from './context';

/** The embedding's settings the prose may quote, read from embedding.json. */
const SETTINGS: Record<string, (x: EmbeddingIndex) => { value: number; kind: 'int' | 'fixed2' }> = {
  umap_neighbors: (x) => ({ value: x.umap.neighbors, kind: 'int' }),
  umap_min_dist: (x) => ({ value: x.umap.minDist, kind: 'fixed2' }),
  umap_epochs: (x) => ({ value: x.umap.epochs, kind: 'int' }),
  umap_seed: (x) => ({ value: x.umap.seed, kind: 'int' }),
  code_dims: (x) => ({ value: x.dims, kind: 'int' }),
};

/** `:embedding-setting{name="umap_neighbors"}` — a setting of the embedding map, as this build used it. */
export const embeddingSettingDirective: DirectiveSpec = {
  kind: 'text',
  attributes: ['name'],
  render(attributes, { artifacts, lang }) {
    const name = requireOneOf(attributes.name, Object.keys(SETTINGS), 'embedding setting');
    const { value, kind } = SETTINGS[name](artifacts.embedding().index);
    const text = kind === 'int' ? formatInt(value, lang) : formatFixed(value, lang, 2);
    return `<data class="metric" value="${escapeHtml(value)}">${escapeHtml(text)}</data>`;
  },
};
