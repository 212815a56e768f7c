// What the live explorer must know of the model to run it in the browser, taken from the manifest's
// model description (never from the tutorial's constants): its input, the layers it draws, the layer
// Grad-CAM reads and where the class scores are. Pure, so the page's JSON island and the script that
// reads it are tested without a browser.
import { describedLayer, type ModelDescription, type ModelInput } from '../../../pipeline/model/description';

export interface ExplorerLayer {
  name: string;
  type: string;
  /** height, width, channels of the layer's output for one image. */
  shape: [number, number, number];
}

export interface ExplorerModel {
  input: ModelInput;
  classes: number;
  /** The layers whose grids the explorer draws, in order (the description's `visualized`). */
  layers: ExplorerLayer[];
  /** The convolution the live Grad-CAM map reads. */
  gradCamLayer: string;
  /** The Dense layer whose scores (before its activation) explanations and probabilities follow. */
  logitLayer: string;
  softmax: ModelDescription['softmax'];
}

/**
 * The explorer's Grad-CAM layer: the one before the last convolution when there is one, else the last.
 * The build maps both; the explorer draws one, and a middle grid (11×11 for the tutorial, conv2d_1)
 * is sharper than the last one's (3×3).
 */
export function explorerGradCamLayer(description: Pick<ModelDescription, 'gradCam' | 'convolutions'>): string {
  const layer = description.gradCam[1] ?? description.gradCam[0];
  if (!layer) throw new Error(`the model description names no Grad-CAM layer (its convolutions: ${description.convolutions.join(', ') || 'none'})`);
  return layer;
}

export function explorerModel(description: ModelDescription): ExplorerModel {
  const layers = description.visualized.map((name) => {
    const layer = describedLayer(description, name);
    if (layer.outputShape.length !== 3) throw new Error(`visualized layer "${name}" has output shape [${layer.outputShape.join(', ')}]; the explorer draws height × width × channels maps`);
    const [h, w, c] = layer.outputShape;
    return { name, type: layer.type, shape: [h, w, c] as [number, number, number] };
  });
  return {
    input: { ...description.input },
    classes: description.classes,
    layers,
    gradCamLayer: explorerGradCamLayer(description),
    logitLayer: description.logitLayer,
    softmax: description.softmax,
  };
}

const isCount = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v) && v > 0;

/**
 * The explorer's model from the page's JSON (parsed), checked field by field: a page built from an
 * older or damaged manifest fails with a message naming the field, not with NaN grids.
 */
export function checkExplorerModel(value: unknown): ExplorerModel {
  const fail = (what: string): never => {
    throw new Error(`explorer: the page's model data has ${what}; rebuild the site from the current artifacts`);
  };
  if (typeof value !== 'object' || value === null) return fail('no model object');
  const m = value as Record<string, unknown>;
  const input = m.input as Record<string, unknown> | undefined;
  if (!input || !isCount(input.height) || !isCount(input.width) || !isCount(input.channels)) return fail(`no valid input height/width/channels (${JSON.stringify(input)})`);
  if (input.scale !== 'unit' && input.scale !== 'byte') return fail(`input scale ${JSON.stringify(input.scale)} (expected "unit" or "byte")`);
  if (!isCount(m.classes) || m.classes < 2) return fail(`class count ${JSON.stringify(m.classes)} (expected a whole number ≥ 2)`);
  if (!Array.isArray(m.layers)) return fail('no layer list');
  for (const l of m.layers as Record<string, unknown>[]) {
    if (typeof l?.name !== 'string' || !Array.isArray(l.shape) || l.shape.length !== 3 || !l.shape.every(isCount)) return fail(`a layer without a name and a height × width × channels shape (${JSON.stringify(l)})`);
  }
  for (const key of ['gradCamLayer', 'logitLayer'] as const) if (typeof m[key] !== 'string' || m[key] === '') return fail(`no ${key}`);
  if (m.softmax !== 'dense' && m.softmax !== 'layer' && m.softmax !== 'none') return fail(`softmax ${JSON.stringify(m.softmax)} (expected "dense", "layer" or "none")`);
  return value as ExplorerModel;
}
