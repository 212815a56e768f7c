import { formatInt, formatSeconds } from '../format/number';
import { escapeHtml } from '../html';
import type { UiKey } from '../../i18n/en';
import type { DirectiveSpec } from './context';
import type { Translate } from '../i18n';
import type { BackendInfo } from '../../../pipeline/artifacts/types';
import { backendDescription } from './backendDescription';

/** The pipeline's stage names (manifest.timings keys), in the page's language; a stage added later shows its name as code. */
const STAGES: Record<string, UiKey> = {
  data: 'prov.stage.data', train: 'prov.stage.train', evaluate: 'prov.stage.evaluate', visualize: 'prov.stage.visualize', explain: 'prov.stage.explain',
  channels: 'prov.stage.channels', distributions: 'prov.stage.distributions', embedding: 'prov.stage.embedding', timelapse: 'prov.stage.timelapse', total: 'prov.stage.total',
};
/** The data source the manifest names when no --data-dir was given (pipeline/data/loadMnist.ts). */
const PACKAGE_SOURCE = /^(\S+) package$/;

/** `::provenance` — how the artifacts were made: backend, versions, timings, data files and their checksums. */
export const provenanceDirective: DirectiveSpec = {
  kind: 'leaf',
  attributes: [],
  render(_attributes, { artifacts, lang, t }) {
    const m = artifacts.manifest;
    const e = (v: string | number) => escapeHtml(v);
    const row = (key: UiKey, value: string) => `<tr><th scope="row">${e(t(key))}</th><td>${value}</td></tr>`;
    const general = [
      row('prov.backend', e(backendDescription(m.backend, lang, t))),
      row('prov.kernels', kernelSet(m.backend, t)),
      row('prov.threads', e(m.backend.threads)),
      row('prov.preset', `<code>${e(m.config.preset)}</code>`),
      row('prov.seed', e(m.config.seed)),
      row('prov.created', `<time datetime="${e(m.createdAt)}">${e(m.createdAt)}</time>`),
      row('prov.pipeline', e(m.pipelineVersion)),
      row('prov.cacheKey', `<code class="hash">${e(m.cacheKey)}</code>`),
      row('prov.source', PACKAGE_SOURCE.test(m.data.source) ? e(t('prov.sourcePackage', { package: '\u0000' })).replace('\u0000', `<code>${e(PACKAGE_SOURCE.exec(m.data.source)?.[1] ?? '')}</code>`) : e(m.data.source)),
      row('prov.images', e(t('prov.imagesValue', {
        train: formatInt(m.data.trainCount, lang), trainAvailable: formatInt(m.data.trainAvailable, lang),
        test: formatInt(m.data.testCount, lang), testAvailable: formatInt(m.data.testAvailable, lang),
      }))),
    ];
    const versions = Object.entries(m.versions).map(([name, version]) => (name === 'backend' ? `<tr><th scope="row">${e(t('prov.versionBackend'))}</th><td><code>${e(version)}</code></td></tr>` : `<tr><th scope="row"><code>${e(name)}</code></th><td>${e(version)}</td></tr>`));
    const stage = (name: string) => (STAGES[name] ? e(t(STAGES[name])) : `<code>${e(name)}</code>`);
    const timings = Object.entries(m.timings).map(([name, seconds]) => `<tr><th scope="row">${stage(name)}</th><td class="num">${e(formatSeconds(seconds, lang))}</td></tr>`);
    const files = m.data.files.map((f) => `<tr><td><code>${e(f.name)}</code></td><td class="num">${formatInt(f.bytes, lang)}</td><td><code class="hash">${e(f.sha256)}</code></td><td>${e(t(f.checksumKnown ? 'prov.yes' : 'prov.no'))}</td></tr>`);
    const table = (caption: UiKey, head: string, body: string[]) =>
      `<div class="table-wrap"><table class="provenance"><caption>${e(t(caption))}</caption><thead><tr>${head}</tr></thead><tbody>${body.join('')}</tbody></table></div>`;
    const th = (key: UiKey) => `<th scope="col">${e(t(key))}</th>`;
    return [
      table('prov.caption', th('prov.item') + th('prov.value'), general),
      table('prov.versions', th('prov.item') + th('prov.value'), versions),
      table('prov.timings', th('prov.stage') + th('prov.seconds'), timings),
      table('prov.files', th('prov.file') + th('prov.bytes') + th('prov.sha256') + th('prov.known'), files),
    ].join('');
  },
};

/** Which kernels did the numeric work (HTML): the oneDNN addon (version, threading, kernels) or the backend's own. */
function kernelSet(backend: BackendInfo, t: Translate): string {
  const o = backend.onednn;
  if (!o) return escapeHtml(t('prov.kernelsOwn', { backend: backend.name }));
  // The kernels are TensorFlow.js's names for them: code, in any language.
  const kernels = o.kernels.map((k) => `<code>${escapeHtml(k)}</code>`).join(', ');
  return escapeHtml(t('prov.kernelsOnednn', { version: o.version, threading: o.threading, threads: o.threads, kernels: '\u0000' })).replace('\u0000', kernels);
}
