// The explorer's live attribution maps, loaded on demand: Grad-CAM at the description's layer (see
// explorerGradCamLayer) and |∂score/∂input| for the top class, with the build's own methods
// (pipeline/explain) and its RdBu drawing rule.
import type * as tfl from '@tensorflow/tfjs-layers';
import type { ExplorerModel } from '../../lib/explore/explorerModel';
import { createLogitNet } from '../../../pipeline/explain/logitNet';
import { gradCam } from '../../../pipeline/explain/methods/gradCam';
import { gradient } from '../../../pipeline/explain/methods/gradient';
import { paintAttribution, rdbuPalette } from '../../../pipeline/explain/paintAttribution';
import { registerGradientKernels } from './gradientKernels';
import { modelInputToGrey } from './modelInput';
import { put } from './paint';

/** Both maps for one image, height × width of the model's input, row-major. */
export interface AttributionMaps {
  gradCam: Float32Array;
  gradient: Float32Array;
}

export type ExplainerConfig = Pick<ExplorerModel, 'input' | 'gradCamLayer' | 'logitLayer' | 'softmax'>;

/** (input, target class) → both maps, from the scores before the softmax, as the build computes them. `input`: [0, 1] pixels. */
export function createExplainer(model: tfl.LayersModel, config: ExplainerConfig): (input: Float32Array, target: number) => AttributionMaps {
  registerGradientKernels();
  // The net reads the scores at config.logitLayer without its activation and puts the [0, 1] pixels on the model's scale itself.
  const net = createLogitNet(model, config);
  const camAt = gradCam(config.gradCamLayer);
  return (input, target) => {
    const one = { images: input, targets: Int32Array.of(target) };
    return { gradCam: camAt(net, one).maps, gradient: gradient(net, one).maps };
  };
}

let palette: Uint8Array | null = null;

/** A map over its input (height × width; a colour input shown in grey) in the build's RdBu colours. */
export function paintMap(canvas: HTMLCanvasElement, map: Float32Array, input: Float32Array, size: ExplorerModel['input']): void {
  const scale = Math.max(1, Math.floor(canvas.width / Math.max(size.width, size.height)));
  palette ??= rdbuPalette();
  put(canvas, paintAttribution(map, modelInputToGrey(input, size.channels), size, scale, palette), size.width * scale, size.height * scale);
}
