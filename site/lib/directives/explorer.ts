import { layerGrid } from '../../../shared/drawing/layerGrid';
import type { Translate } from '../i18n';
import { escapeHtml, jsonForScript } from '../html';
import { pageUrl } from '../content/pages';
import { explorerModel, type ExplorerModel } from '../explore/explorerModel';
import { artifactUrl, DirectiveUsageError, type DirectiveSpec } from './context';

/** What site/scripts/explore needs: where the model and test images are, what it must know of the model (from the manifest), the UI strings. */
export interface ExplorerData {
  model: string;
  /** Artifact URL prefix; a test image's shard is at artifacts + testImageShardPath(index). */
  artifacts: string;
  count: number;
  misclassified: number[];
  initial: number;
  /** The model's input, classes, layers to draw, Grad-CAM layer and score layer (site/lib/explore/explorerModel.ts). */
  network: ExplorerModel;
  labels: Record<'empty' | 'prediction' | 'fromTest' | 'drawn' | 'failed' | 'loading' | 'digit' | 'penDown' | 'penUp', string>;
}

const PAD_SIZE = 280;

/** Templates with their {placeholders} left in (t fills only the variables it is given): the script fills them. */
function explorerLabels(t: Translate): ExplorerData['labels'] {
  return {
    empty: t('explore.empty'), prediction: t('explore.prediction'), fromTest: t('explore.fromTest'),
    drawn: t('explore.drawn'), failed: t('explore.failed'), loading: t('explore.loading'), digit: t('explore.digit'),
    penDown: t('explore.penDown'), penUp: t('explore.penUp'),
  };
}

function controls(t: Translate, max: number): string {
  return [
    `<fieldset class="explorer-draw"><legend>${escapeHtml(t('explore.draw'))}</legend>`,
    `<div class="explorer-pad-frame"><canvas class="explorer-pad" width="${PAD_SIZE}" height="${PAD_SIZE}" data-pad tabindex="0" role="application" aria-label="${escapeHtml(t('explore.pad'))}" aria-describedby="explorer-pad-keys"></canvas>`,
    `<canvas class="explorer-pad-cursor" width="${PAD_SIZE}" height="${PAD_SIZE}" data-pad-cursor aria-hidden="true"></canvas></div>`,
    `<p class="explorer-pad-keys" id="explorer-pad-keys">${escapeHtml(t('explore.padKeys'))}</p>`,
    `<div class="explorer-row"><label>${escapeHtml(t('explore.brush'))} <input type="range" min="8" max="40" step="2" value="20" data-brush></label>`,
    `<button type="button" data-undo disabled>${escapeHtml(t('explore.undo'))}</button><button type="button" data-clear>${escapeHtml(t('explore.clear'))}</button></div></fieldset>`,
    `<fieldset class="explorer-test"><legend>${escapeHtml(t('explore.testLegend'))}</legend><div class="explorer-row">`,
    `<button type="button" data-prev aria-label="${escapeHtml(t('explore.prev'))}">‹</button>`,
    `<label>${escapeHtml(t('explore.index', { max }))} <input type="number" min="0" max="${max}" step="1" inputmode="numeric" data-index></label>`,
    `<button type="button" data-next aria-label="${escapeHtml(t('explore.next'))}">›</button>`,
    `<button type="button" data-misclassified>${escapeHtml(t('explore.misclassified'))}</button></div></fieldset>`,
  ].join('');
}

function outputs(t: Translate, network: ExplorerModel): string {
  const bars = Array.from({ length: network.classes }, (_, d) =>
    `<li><span class="bar-digit" id="explorer-digit-${d}">${d}</span><meter min="0" max="1" value="0" aria-labelledby="explorer-digit-${d}" data-bar="${d}"></meter><output data-bar-value="${d}">–</output></li>`).join('');
  const grids = network.layers.map((l) => {
    const [h, w, c] = l.shape;
    const caption = t('explore.layer', { layer: l.name, type: l.type, channels: c, height: h, width: w });
    const { width, height } = layerGrid(h, w, c);
    return `<figure class="explorer-layer"><canvas width="${width}" height="${height}" data-layer="${escapeHtml(l.name)}" role="img" aria-label="${escapeHtml(t('explore.layerAlt', { layer: l.name }))}"></canvas><figcaption>${escapeHtml(caption)}</figcaption></figure>`;
  }).join('');
  const { height, width, channels } = network.input;
  const inputLabel = t(channels === 1 ? 'explore.input' : 'explore.inputColour', { height, width, channels });
  return [
    `<figure class="explorer-input"><canvas width="112" height="112" data-preview role="img" aria-label="${escapeHtml(inputLabel)}"></canvas><figcaption>${escapeHtml(inputLabel)}</figcaption></figure>`,
    `<button type="button" class="explorer-maps-toggle" data-maps-toggle aria-expanded="false" aria-controls="explorer-maps">${escapeHtml(t('explore.showMaps'))}</button>`,
    `<div class="explorer-maps" id="explorer-maps" data-maps hidden>${(['grad-cam', 'gradient'] as const).map((m) => `<figure class="explorer-map"><canvas width="112" height="112" data-map="${m}" role="img" aria-label="${escapeHtml(m === 'grad-cam' ? t('explore.gradCamAlt', { layer: network.gradCamLayer }) : t('explore.gradientAlt'))}"></canvas><figcaption>${escapeHtml(m === 'grad-cam' ? t('explore.gradCam', { layer: network.gradCamLayer }) : t('explore.gradient'))}</figcaption></figure>`).join('')}</div>`,
    `<p class="explorer-status" role="status" aria-live="polite" data-status>${escapeHtml(t('explore.loading'))}</p>`,
    `<figure class="explorer-bars"><figcaption>${escapeHtml(t('explore.probabilities'))}</figcaption><ol>${bars}</ol></figure>`,
    `<h2>${escapeHtml(t('explore.layers'))}</h2><div class="explorer-layers">${grids}</div>`,
  ].join('');
}

/** `::explorer` — the live explorer: draw or pick a test image and watch every layer respond (site/scripts/explore). */
export const explorerDirective: DirectiveSpec = {
  kind: 'leaf',
  attributes: [],
  render(_attributes, { artifacts, t, base, lang }) {
    const model = artifacts.manifest.files.find((f) => f.kind === 'model');
    if (!model) throw new DirectiveUsageError('the manifest lists no model (kind "model"); the explorer needs model/model.json');
    const { labels, predicted, count } = artifacts.predictions;
    const network = explorerModel(artifacts.manifest.model);
    const data: ExplorerData = {
      model: artifactUrl(base, model.path),
      artifacts: artifactUrl(base, ''),
      count,
      misclassified: labels.flatMap((label, i) => (label === predicted[i] ? [] : [i])),
      initial: artifacts.visuals.articleSample,
      network,
      labels: explorerLabels(t),
    };
    return [
      `<section class="explorer" data-explorer>`,
      `<p class="explorer-nojs" data-explorer-nojs>${escapeHtml(t('explore.noscript'))} `,
      `<a href="${escapeHtml(pageUrl(base, lang, 'article'))}">${escapeHtml(t('explore.noscriptArticle'))}</a> · `,
      `<a href="${escapeHtml(pageUrl(base, lang, 'errors'))}">${escapeHtml(t('explore.noscriptErrors'))}</a></p>`,
      `<div class="explorer-ui" data-explorer-ui hidden><div class="explorer-controls">${controls(t, count - 1)}</div><div class="explorer-outputs">${outputs(t, network)}</div></div>`,
      `<script type="application/json" data-explorer-data>${jsonForScript(data)}</script>`,
      `</section>`,
    ].join('');
  },
};
