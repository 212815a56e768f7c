// The maps the stage computes, in MAP_IDS order. A new method is one module in this folder plus
// one line here (and its id in pipeline/artifacts/explainIndex.ts).
import type { MapId } from '../explainIndex';
import { gradCam } from './gradCam';
import { gradient } from './gradient';
import { integratedGradients, type IntegratedGradientsOptions } from './integratedGradients';
import { occlusion, type OcclusionOptions } from './occlusion';
import { smoothGrad, type SmoothGradOptions } from './smoothGrad';
import type { AttributionMethod } from './types';

export interface MethodSettings {
  smoothGrad: SmoothGradOptions;
  integratedGradients: IntegratedGradientsOptions;
  occlusion: OcclusionOptions;
}

export function attributionMethods(s: MethodSettings): Record<MapId, AttributionMethod> {
  return {
    gradient,
    smoothgrad: smoothGrad(s.smoothGrad),
    'integrated-gradients': integratedGradients(s.integratedGradients),
    'grad-cam:conv2d_2': gradCam('conv2d_2'),
    'grad-cam:conv2d_1': gradCam('conv2d_1'),
    occlusion: occlusion(s.occlusion),
  };
}
