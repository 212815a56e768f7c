// The explain stage's fixed settings (the numbers), in one place.
import { IG_DEFAULTS } from './methods/integratedGradients';
import type { MethodSettings } from './methods/index';
import { OCCLUSION_DEFAULTS } from './methods/occlusion';
import { SMOOTHGRAD_DEFAULTS } from './methods/smoothGrad';

/**
 * An Integrated Gradients map that still misses completeness by more than this after the step limit
 * is published marked "not converged" (a weak model gets a flagged map, never an aborted build).
 */
export const MAX_COMPLETENESS_ERROR = 0.05;

/** The one convergence rule (NaN, from non-finite scores, does not converge). */
export function converged(completenessError: number): boolean {
  return completenessError <= MAX_COMPLETENESS_ERROR;
}

/** How much the stage explains: every misclassified image and all picker samples in the sanity check by default. */
export interface ExplainLimits {
  misclassified: number;
  sanitySamples: number;
}

export const FULL_LIMITS: ExplainLimits = { misclassified: Infinity, sanitySamples: Infinity };
/** The quick preset is a preview that should take seconds: fewer misclassified images, a smaller sanity set. */
export const QUICK_LIMITS: ExplainLimits = { misclassified: 8, sanitySamples: 6 };

/** `igMaxSteps`: the run's --ig-max-steps (PipelineConfig.igMaxSteps). */
export function methodSettings(seed: number, igMaxSteps: number = IG_DEFAULTS.maxSteps): MethodSettings {
  return {
    smoothGrad: { ...SMOOTHGRAD_DEFAULTS, seed },
    integratedGradients: { ...IG_DEFAULTS, maxSteps: igMaxSteps },
    occlusion: OCCLUSION_DEFAULTS,
  };
}

/** The sanity check recomputes IG many times and publishes no IG map: the first 64 steps suffice. */
export function sanitySettings(seed: number): MethodSettings {
  const s = methodSettings(seed);
  return { ...s, integratedGradients: { ...s.integratedGradients, maxSteps: s.integratedGradients.steps } };
}
