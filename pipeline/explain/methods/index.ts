// The maps the stage computes, in mapIds() order. A new method is one module in this folder plus
// one line here (and its id in pipeline/explain/explainIndex.ts).
import { mapIds, type MapId } from '../explainIndex';
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

/** Every method, keyed by map id; Grad-CAM once per layer of `gradCamLayers` (the description's gradCam). */
export function attributionMethods(s: MethodSettings, gradCamLayers: readonly string[]): Record<MapId, AttributionMethod> {
  const fixed: Record<string, AttributionMethod> = {
    gradient,
    smoothgrad: smoothGrad(s.smoothGrad),
    'integrated-gradients': integratedGradients(s.integratedGradients),
    occlusion: occlusion(s.occlusion),
  };
  const entries = mapIds(gradCamLayers).map((id) => [id, id.startsWith('grad-cam:') ? gradCam(id.slice('grad-cam:'.length)) : fixed[id]]);
  return Object.fromEntries(entries) as Record<MapId, AttributionMethod>;
}
