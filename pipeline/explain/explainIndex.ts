// The explain stage's part of the artifact contract (kept in the stage's folder, a drawing source):
// explain/explain.json (kind 'explain-index'),
// written by pipeline/explain, read by the site. Paths are relative to the artifacts folder.

/** One attribution map per method, and per layer for Grad-CAM (`grad-cam:<layer>`). */
export type MapId = 'gradient' | 'smoothgrad' | 'integrated-gradients' | `grad-cam:${string}` | 'occlusion';

export const METHOD_NAMES = ['gradient', 'smoothgrad', 'integrated-gradients', 'grad-cam', 'occlusion'] as const;
export type MethodName = (typeof METHOD_NAMES)[number];

/** The map ids of a model, in the order used everywhere: Grad-CAM once per layer of `description.gradCam`. */
export function mapIds(gradCamLayers: readonly string[]): MapId[] {
  return ['gradient', 'smoothgrad', 'integrated-gradients', ...gradCamLayers.map((l): MapId => `grad-cam:${l}`), 'occlusion'];
}

/**
 * The tutorial network's Grad-CAM layers and map ids. The pipeline reads them from the model
 * description (mapIds(description.gradCam)) and writes them into explain.json (`maps`,
 * `settings.gradCamLayers`); these stay only for site code that has not moved to those fields yet.
 */
export const GRAD_CAM_LAYERS = ['conv2d_2', 'conv2d_1'] as const;
export const MAP_IDS: readonly MapId[] = mapIds(GRAD_CAM_LAYERS);

/** Where each map comes from: its method and, for Grad-CAM, the layer. */
export function methodOf(id: MapId): { method: MethodName; layer?: string } {
  const [method, layer] = id.split(':') as [MethodName, string | undefined];
  return layer ? { method, layer } : { method };
}

/** Names the explain stage adds to `Manifest.metrics` (what `:metric{name=…}` accepts besides METRIC_NAMES). */
export const EXPLAIN_METRIC_NAMES = [
  'ig_completeness_max', // largest completeness error of a published Integrated Gradients map (completenessError), 0–2
  'ig_completeness_median',
  'ig_maps', // published Integrated Gradients maps
  'ig_unconverged', // of those, maps still above settings.integratedGradients.maxError after maxSteps (published, marked)
  'explained_images',
  'explained_maps',
  'explained_misclassified',
  'sanity_flagged', // maps flagged by the randomisation test
  'explain_seconds',
] as const;

export type ExplainSet = 'samples' | 'gallery' | 'misclassified';

export interface AttributionMapRef {
  id: MapId;
  image: string; // PNG: the map over the image (grey, or colour washed towards white), RdBu, scaled to ±maxAbs
  min: number;
  max: number;
  /** The sum of the map (for IG: close to score(x) − score(black)). */
  sum: number;
  /** Integrated Gradients only: completeness error (completenessError), integration steps, and whether the error is within maxError. */
  completeness?: number;
  steps?: number;
  /** false: still above maxError after maxSteps; the page marks the map "not converged". */
  converged?: boolean;
}

export interface ExplainedTarget {
  digit: number;
  /** Why this class: the network's answer, or the true label of a misclassified image. */
  role: 'predicted' | 'true';
  score: number; // logit (before the softmax)
  probability: number;
  maps: AttributionMapRef[];
}

export interface ExplainedSample {
  index: number; // test-set index
  label: number;
  predicted: number;
  sets: ExplainSet[];
  /**
   * Raw maps, float32 little-endian: targets × maps (ExplainIndex.maps order) × height × width, row-major;
   * target t, map m, pixel (y, x) at ((t · maps + m) · height + y) · width + x.
   */
  data: string;
  targets: ExplainedTarget[];
}

export interface SanityCheck {
  /** Test images whose maps are compared (the mean is over these). */
  samples: number[];
  /** Column names: 'original', then the layer randomised at each step (cumulative, from the top). */
  steps: string[];
  /** Mean Spearman rank correlation with the original map, per map and step ('original' is 1). */
  correlations: Record<MapId, number[]>;
  /** The same for the magnitudes |map| (sign ignored). */
  absCorrelations: Record<MapId, number[]>;
  /** Maps that came out constant (no ranking), counted as correlation 0, per map and step. */
  constantMaps: Record<MapId, number[]>;
  /** A map whose mean |map| correlation is still at least this with every layer randomised is flagged. */
  threshold: number;
  flagged: MapId[];
  /** The figure: the maps of `figureSample` at each step, per map (PNG paths, `steps` order). */
  figureSample: number;
  figure: Record<MapId, string[]>;
  seed: number;
}

export interface ExplainIndex {
  format: 'cnn-hidden-truth/explain@1';
  maps: MapId[];
  settings: {
    smoothGrad: { samples: number; noise: number };
    integratedGradients: { steps: number; maxSteps: number; refineAbove: number; maxError: number; baseline: 'black' };
    occlusion: { patch: number; stride: number };
    gradCamLayers: string[];
    imageScale: number;
  };
  samples: ExplainedSample[];
  /** Misclassified test images in the test set, and how many of them are explained here. */
  misclassified: { total: number; explained: number };
  /** Over the published IG maps; `unconverged` of them missed maxError after maxSteps. */
  completeness: { max: number; median: number; maps: number; unconverged: number };
  sanity: SanityCheck;
  /** Seconds per method over all explained images, and for the sanity check. */
  seconds: Record<string, number>;
}
