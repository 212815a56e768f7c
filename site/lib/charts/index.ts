import type { SiteArtifacts } from '../artifacts/load';
import { classNamesFor } from '../classLabels';
import type { Lang } from '../i18n';
import type { ChartContext, ChartSpec } from './common';
import { confusionChart } from './confusion';
import { activationHistogramChart, deadShareChart, weightHistogramChart } from './distributions';
import { accuracyChart, lossChart } from './history';
import { meanActivationChart } from './meanActivation';
import { perClassChart } from './perClass';
import { top3Chart } from './top3';

export const CHART_NAMES = ['loss', 'accuracy', 'confusion', 'per-class', 'top3', 'mean-activation', 'weights', 'activations', 'dead-channels'] as const;
export type ChartName = (typeof CHART_NAMES)[number];

export function isChartName(value: string): value is ChartName {
  return (CHART_NAMES as readonly string[]).includes(value);
}

export interface ChartOptions {
  /** Layer for mean-activation (default: the model's first convolution, manifest.model.firstConvolution). */
  layer?: string;
}

/** The Vega-Lite spec of a named chart, built from the artifacts; `lang` picks the class names the class charts show. */
export function buildChart(name: ChartName, artifacts: SiteArtifacts, ctx: ChartContext & { lang: Lang }, options: ChartOptions = {}): ChartSpec {
  const classCtx = { t: ctx.t, names: classNamesFor(artifacts.manifest.data.classes, ctx.lang) };
  switch (name) {
    case 'loss':
      return lossChart(artifacts.history, ctx);
    case 'accuracy':
      return accuracyChart(artifacts.history, ctx);
    case 'confusion':
      return confusionChart(artifacts.evaluation, classCtx);
    case 'per-class':
      return perClassChart(artifacts.evaluation, classCtx);
    case 'top3':
      return top3Chart(
        artifacts.visuals.samples.map((s) => ({ index: s.index, label: s.label, probabilities: artifacts.probabilities(s.index) })),
        classCtx,
      );
    case 'mean-activation': {
      const layer = options.layer ?? artifacts.manifest.model.firstConvolution;
      const sample = artifacts.visuals.articleSample;
      return meanActivationChart(artifacts.layerStats(layer, sample), layer, sample, ctx);
    }
    case 'weights':
      return weightHistogramChart(artifacts.distributions(), ctx);
    case 'activations':
      return activationHistogramChart(artifacts.distributions(), ctx);
    case 'dead-channels':
      return deadShareChart(artifacts.distributions(), ctx);
  }
}
