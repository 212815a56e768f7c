import { layerGrid } from '../../../shared/drawing/layerGrid';
import { MAX_PICTURE_SIDE } from '../../../shared/data/pictureLimit';
import { translator, type Translate } from '../i18n';
import { escapeHtml, jsonForScript } from '../html';
import { pageUrl } from '../content/pages';
import { explorerClasses, explorerPad, type ExplorerClasses, type ExplorerPad } from '../explore/explorerInput';
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
  /** The class names in the page's language and the data's noun (site/lib/explore/explorerInput.ts). */
  classes: ExplorerClasses;
  /** The drawing pad and its rule; null for a colour model, which has none. */
  pad: ExplorerPad | null;
  /** Pictures larger than this in either direction are refused (shared/data/pictureLimit.ts). */
  maxPictureSide: number;
  labels: Record<ExplorerLabel, string>;
}

type ExplorerLabel = 'empty' | 'prediction' | 'fromTest' | 'fromPicture' | 'drawn' | 'failed' | 'loading' | 'penDown' | 'penUp' | 'showMaps' | 'hideMaps'
  | 'reading' | 'pictureUnreadable' | 'pictureTooBig' | 'ownDrop';

/** Templates with their {placeholders} left in (t fills only the variables it is given): the script fills them. */
function explorerLabels(t: Translate, pad: boolean): ExplorerData['labels'] {
  return {
    empty: t(pad ? 'explore.empty' : 'explore.emptyNoPad'), prediction: t('explore.prediction'), fromTest: t('explore.fromTest'),
    fromPicture: t('explore.fromPicture'), drawn: t('explore.drawn'), failed: t('explore.failed'), loading: t('explore.loading'),
    penDown: t('explore.penDown'), penUp: t('explore.penUp'), showMaps: t('explore.showMaps'), hideMaps: t('explore.hideMaps'), reading: t('explore.reading'),
    pictureUnreadable: t('explore.pictureUnreadable'), pictureTooBig: t('explore.pictureTooBig'), ownDrop: t('explore.ownDrop'),
  };
}

function padControls(t: Translate, pad: ExplorerPad, input: ExplorerModel['input']): string {
  const size = `width="${pad.width}" height="${pad.height}"`;
  const rule = t(pad.rule === 'mnist' ? 'explore.padRuleMnist' : 'explore.padRuleFit', { height: input.height, width: input.width });
  return [
    `<fieldset class="explorer-draw"><legend>${escapeHtml(t('explore.draw'))}</legend>`,
    `<div class="explorer-pad-frame"><canvas class="explorer-pad" ${size} data-pad tabindex="0" role="application" aria-label="${escapeHtml(t('explore.pad'))}" aria-describedby="explorer-pad-keys explorer-pad-rule"></canvas>`,
    `<canvas class="explorer-pad-cursor" ${size} data-pad-cursor aria-hidden="true"></canvas></div>`,
    // The pad's buttons right under it, the longer notes after them.
    `<div class="explorer-row"><label>${escapeHtml(t('explore.brush'))} <input type="range" min="8" max="40" step="2" value="20" data-brush></label>`,
    `<button type="button" data-undo disabled>${escapeHtml(t('explore.undo'))}</button><button type="button" data-clear>${escapeHtml(t('explore.clear'))}</button></div>`,
    // The pen's state has a live region of its own, so the result line keeps the prediction.
    `<p class="explorer-pen" role="status" aria-live="polite" data-pen-status></p>`,
    `<p class="explorer-pad-keys" id="explorer-pad-keys">${escapeHtml(t('explore.padKeys'))}</p>`,
    `<p class="explorer-pad-keys" id="explorer-pad-rule" data-pad-rule="${pad.rule}">${escapeHtml(rule)}</p></fieldset>`,
  ].join('');
}

/** The file input is the control (focusable, labelled); the controls around it also take a dropped file (main.ts). */
function ownPictureControls(t: Translate, input: ExplorerModel['input']): string {
  const hint = [t('explore.ownHint', { height: input.height, width: input.width }), ...(input.channels === 1 ? [t('explore.ownHintGrey')] : [])].join(' ');
  return [
    `<fieldset class="explorer-own"><legend>${escapeHtml(t('explore.ownLegend'))}</legend>`,
    `<div class="explorer-row"><label>${escapeHtml(t('explore.ownFile'))} <input type="file" accept="image/*" data-own-file aria-describedby="explorer-own-hint"></label></div>`,
    `<p class="explorer-pad-keys" id="explorer-own-hint">${escapeHtml(hint)}</p></fieldset>`,
  ].join('');
}

function controls(t: Translate, max: number, pad: ExplorerPad | null, input: ExplorerModel['input']): string {
  return [
    pad ? padControls(t, pad, input) : '',
    `<fieldset class="explorer-test"><legend>${escapeHtml(t('explore.testLegend'))}</legend><div class="explorer-row">`,
    `<button type="button" data-prev aria-label="${escapeHtml(t('explore.prev'))}">‹</button>`,
    `<label>${escapeHtml(t('explore.index', { max }))} <input type="number" min="0" max="${max}" step="1" inputmode="numeric" data-index></label>`,
    `<button type="button" data-next aria-label="${escapeHtml(t('explore.next'))}">›</button>`,
    `<button type="button" data-misclassified>${escapeHtml(t('explore.misclassified'))}</button></div></fieldset>`,
    ownPictureControls(t, input),
  ].join('');
}

function outputs(t: Translate, network: ExplorerModel, classes: ExplorerClasses): string {
  const bars = classes.names.map((name, d) =>
    `<li><span class="bar-name" id="explorer-class-${d}">${escapeHtml(name)}</span><meter min="0" max="1" value="0" aria-labelledby="explorer-class-${d}" data-bar="${d}"></meter><output data-bar-value="${d}">–</output></li>`).join('');
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
  render(_attributes, { artifacts, base, lang }) {
    const model = artifacts.manifest.files.find((f) => f.kind === 'model');
    if (!model) throw new DirectiveUsageError('the manifest lists no model (kind "model"); the explorer needs model/model.json');
    const { labels, predicted, count } = artifacts.predictions;
    const network = explorerModel(artifacts.manifest.model);
    const { data: dataInfo } = artifacts.manifest;
    // The data's noun fills {noun}/{nouns} (whatever translator the page's directives share).
    const t = translator(lang, dataInfo.classes.noun);
    const classes = explorerClasses(dataInfo.classes, network.classes, lang);
    const pad = explorerPad(dataInfo, network.input);
    const data: ExplorerData = {
      model: artifactUrl(base, model.path),
      artifacts: artifactUrl(base, ''),
      count,
      misclassified: labels.flatMap((label, i) => (label === predicted[i] ? [] : [i])),
      initial: artifacts.visuals.articleSample,
      network,
      classes,
      pad,
      maxPictureSide: MAX_PICTURE_SIDE,
      labels: explorerLabels(t, pad !== null),
    };
    return [
      `<section class="explorer" data-explorer>`,
      `<p class="explorer-nojs" data-explorer-nojs>${escapeHtml(t('explore.noscript'))} `,
      `<a href="${escapeHtml(pageUrl(base, lang, 'article'))}">${escapeHtml(t('explore.noscriptArticle'))}</a> · `,
      `<a href="${escapeHtml(pageUrl(base, lang, 'errors'))}">${escapeHtml(t('explore.noscriptErrors'))}</a></p>`,
      `<div class="explorer-ui" data-explorer-ui hidden><div class="explorer-controls" data-drop-zone>${controls(t, count - 1, pad, network.input)}</div><div class="explorer-outputs">${outputs(t, network, classes)}</div></div>`,
      `<script type="application/json" data-explorer-data>${jsonForScript(data)}</script>`,
      `</section>`,
    ].join('');
  },
};
