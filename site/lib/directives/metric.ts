import { DISTRIBUTION_METRIC_NAMES } from '../../../pipeline/explain/distributions/distributionsIndex';
import { EMBEDDING_METRIC_NAMES } from '../../../pipeline/explain/embedding/embeddingIndex';
import { DICTIONARY_METRIC_NAMES } from '../../../pipeline/explain/dictionary/channelsIndex';
import { EXPLAIN_METRIC_NAMES } from '../../../pipeline/explain/explainIndex';
import { METRIC_NAMES } from '../../../pipeline/artifacts/types';
import { formatMetric, METRIC_FORMATS, type MetricFormat } from '../format/number';
import { escapeHtml } from '../html';
import { DirectiveUsageError, requireOneOf, type DirectiveSpec } from './context';

/** `:metric{name="test_accuracy" format="percent"}` — a number from manifest.metrics, formatted for the page language. */
export const metricDirective: DirectiveSpec = {
  kind: 'text',
  attributes: ['name', 'format'],
  render(attributes, { artifacts, lang }) {
    const name = requireOneOf(attributes.name, [...METRIC_NAMES, ...EXPLAIN_METRIC_NAMES, ...DISTRIBUTION_METRIC_NAMES, ...EMBEDDING_METRIC_NAMES, ...DICTIONARY_METRIC_NAMES], 'metric name');
    const format = attributes.format === undefined ? undefined : (requireOneOf(attributes.format, METRIC_FORMATS, 'metric format') as MetricFormat);
    const value = artifacts.manifest.metrics[name];
    if (typeof value !== 'number' || !Number.isFinite(value)) {
      throw new DirectiveUsageError(`metric "${name}" is not in the manifest's metrics (the pipeline did not record it). Recorded: ${Object.keys(artifacts.manifest.metrics).join(', ')}`);
    }
    return `<data class="metric" value="${escapeHtml(value)}">${escapeHtml(formatMetric(name, value, lang, format))}</data>`;
  },
};
