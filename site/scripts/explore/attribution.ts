// The explorer's live attribution maps, loaded on demand: Grad-CAM at conv2d_1 and |∂logit/∂input|
// for the top class, with the build's own methods (pipeline/explain) and its RdBu drawing rule.
import type * as tfl from '@tensorflow/tfjs-layers';
import { createLogitNet } from '../../../pipeline/explain/logitNet';
import { gradCam } from '../../../pipeline/explain/methods/gradCam';
import { gradient } from '../../../pipeline/explain/methods/gradient';
import { paintAttribution, rdbuPalette } from '../../../pipeline/explain/paintAttribution';
import { registerGradientKernels } from './gradientKernels';
import { put } from './paint';

/** The layer Grad-CAM reads, as in the build's attribution stage: the middle convolution's 11×11 grid. */
export const GRAD_CAM_LAYER = 'conv2d_1';

/** Both maps for one image, 28 × 28 row-major. */
export interface AttributionMaps {
  gradCam: Float32Array;
  gradient: Float32Array;
}

/** (input, target class) → both maps, from the scores before the softmax, as the build computes them. */
export function createExplainer(model: tfl.LayersModel): (input: Float32Array, target: number) => AttributionMaps {
  registerGradientKernels();
  const net = createLogitNet(model);
  const camAt = gradCam(GRAD_CAM_LAYER);
  return (input, target) => {
    const one = { images: input, targets: Int32Array.of(target) };
    return { gradCam: camAt(net, one).maps, gradient: gradient(net, one).maps };
  };
}

let palette: Uint8Array | null = null;

/** A map over its 28×28 input in the build's RdBu colours. */
export function paintMap(canvas: HTMLCanvasElement, map: Float32Array, input: Float32Array): void {
  const scale = Math.max(1, Math.floor(canvas.width / 28));
  palette ??= rdbuPalette();
  put(canvas, paintAttribution(map, input, 28, scale, palette), 28 * scale, 28 * scale);
}
