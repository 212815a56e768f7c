// The explain stage: attribution maps (one module per method) for every test image the site shows, the
// completeness check of Integrated Gradients (maps that fail it are published flagged, never fatal),
// and the model randomisation sanity check.
import { median } from 'simple-statistics';
import { mapIds, type ExplainIndex, type ExplainedSample, type MapId } from './explainIndex';
import type { ArtifactFile } from '../artifacts/types';
import { checkVisualizeInputs } from '../visualize/runVisualize';
import type { VisualizeContext } from '../visualize/types';
import { artifactWriter } from '../visualize/writeArtifact';
import { imageValues, mapValues } from './batches';
import { createLogitNet } from './logitNet';
import { attributionMethods } from './methods/index';
import { scoresOf } from './methods/gradients';
import { paperPixels, mapImagePath, mapRef, MAP_SCALE, sanityImagePath, writeMapImages, writeRawMaps, type MapImageJob } from './renderExplain';
import { FLAG_THRESHOLD, runSanityCheck } from './sanityCheck';
import { selectExplained } from './selectExplained';
import { IG_DEFAULTS } from './methods/integratedGradients';
import { converged, FULL_LIMITS, MAX_COMPLETENESS_ERROR, methodSettings, sanitySettings, type ExplainLimits } from './settings';

export const EXPLAIN_INDEX_PATH = 'explain/explain.json';

export interface ExplainContext extends VisualizeContext {
  /** Misclassified images to explain (in index order) and picker samples in the sanity check; all by default. */
  limits?: ExplainLimits;
  /** Integrated Gradients' step limit (--ig-max-steps); IG_DEFAULTS.maxSteps by default. */
  igMaxSteps?: number;
}

export interface ExplainResult {
  files: ArtifactFile[];
  /** Headline numbers for the manifest (names in EXPLAIN_METRIC_NAMES). */
  metrics: Record<string, number>;
}

export async function runExplain(ctx: ExplainContext): Promise<ExplainResult> {
  const now = ctx.now ?? (() => performance.now());
  const t0 = now();
  checkVisualizeInputs(ctx);
  const { test, predictions, log, description } = ctx;
  const MAP_IDS = mapIds(description.gradCam);
  const PIXELS = imageValues(description.input);
  const MAP = mapValues(description.input);
  const classes = description.classes;
  const slice = (values: Float32Array, row: number) => values.subarray(row * PIXELS, (row + 1) * PIXELS);
  const mapOf = (values: Float32Array, row: number) => values.subarray(row * MAP, (row + 1) * MAP);
  const paperOf = (index: number) => paperPixels(slice(test.images, index), description.input.channels);
  const limits = ctx.limits ?? FULL_LIMITS;
  const igMaxSteps = ctx.igMaxSteps ?? IG_DEFAULTS.maxSteps;
  const selection = selectExplained({ ...ctx, labels: test.labels, predicted: predictions.predicted, maxMisclassified: limits.misclassified, classes: description.classes });
  const sanitySamples = selection.picker.slice(0, limits.sanitySamples);
  const { jobs } = selection;
  const images = new Float32Array(jobs.length * PIXELS);
  jobs.forEach((j, i) => images.set(slice(test.images, j.sample), i * PIXELS));
  const input = { images, targets: Int32Array.from(jobs, (j) => j.digit) };
  log(`explain: ${selection.samples.length} images, ${jobs.length} maps per method (${selection.misclassified.explained} of ${selection.misclassified.total} misclassified images, both classes)`);

  const net = createLogitNet(ctx.model, description);
  const methods = attributionMethods(methodSettings(ctx.seed, igMaxSteps), description.gradCam);
  const maps = {} as Record<MapId, Float32Array>;
  const seconds: Record<string, number> = {};
  let completeness: Float32Array = new Float32Array(0);
  let steps: Int32Array = new Int32Array(0);
  for (const id of MAP_IDS) {
    const start = now();
    const result = methods[id](net, input);
    maps[id] = result.maps;
    if (result.completeness) [completeness, steps] = [result.completeness, result.steps as Int32Array];
    seconds[id] = (now() - start) / 1000;
    log(`explain: ${id} for ${jobs.length} maps in ${seconds[id].toFixed(1)} s`);
  }
  const unconverged = unconvergedMaps(completeness, steps, jobs);
  if (unconverged.length > 0) log(unconvergedLine(unconverged, jobs.length, igMaxSteps));

  const sanityStart = now();
  const pickerInput = { images: new Float32Array(sanitySamples.length * PIXELS), targets: Int32Array.from(sanitySamples, (i) => predictions.predicted[i]) };
  sanitySamples.forEach((s, i) => pickerInput.images.set(slice(test.images, s), i * PIXELS));
  const sanity = await runSanityCheck({ model: ctx.model, input: pickerInput, methods: attributionMethods(sanitySettings(ctx.seed), description.gradCam), description, seed: ctx.seed, log });
  seconds.sanity = (now() - sanityStart) / 1000;

  const write = artifactWriter(ctx.outDir);
  const scores = scoresOf(net, images, jobs.length);
  const imageJobs: MapImageJob[] = [];
  const samples: ExplainedSample[] = [];
  const rawFiles: ArtifactFile[] = [];
  for (const { index, sets } of selection.samples) {
    const rows = jobs.flatMap((j, row) => (j.sample === index ? [row] : []));
    const paper = paperOf(index);
    const targets = rows.map((row) => {
      const { digit: target, role } = jobs[row];
      const logits = scores.subarray(row * classes, (row + 1) * classes);
      const expSum = logits.reduce((s, z) => s + Math.exp(z - Math.max(...logits)), 0);
      const refs = MAP_IDS.map((id) => {
        const path = mapImagePath(index, target, id);
        imageJobs.push({ path, map: mapOf(maps[id], row), paper, kind: 'attribution-map', meta: { sample: index, target, map: id } });
        return mapRef(id, path, mapOf(maps[id], row), id === 'integrated-gradients' ? { completeness: completeness[row], steps: steps[row], converged: converged(completeness[row]) } : {});
      });
      return { digit: target, role, score: logits[target], probability: Math.exp(logits[target] - Math.max(...logits)) / expSum, maps: refs };
    });
    rawFiles.push(await writeRawMaps(index, rows, maps, MAP_IDS, description.input, write));
    samples.push({ index, label: test.labels[index], predicted: predictions.predicted[index], sets, data: rawFiles[rawFiles.length - 1].path, targets });
  }
  const figureSample = sanitySamples[0];
  const figure = Object.fromEntries(MAP_IDS.map((id) => [id, sanity.steps.map((step) => sanityImagePath(id, step))])) as Record<MapId, string[]>;
  for (const id of MAP_IDS) {
    sanity.steps.forEach((step, k) => imageJobs.push({ path: figure[id][k], map: sanity.figure[id][k], paper: paperOf(figureSample), kind: 'sanity-map', meta: { sample: figureSample, map: id, step } }));
  }
  const imageFiles = await writeMapImages(imageJobs, description.input, write);

  const errors = Array.from(completeness);
  const index: ExplainIndex = {
    format: 'cnn-hidden-truth/explain@1',
    maps: [...MAP_IDS],
    settings: settingsOf(ctx.seed, igMaxSteps, description.gradCam),
    samples,
    misclassified: selection.misclassified,
    completeness: { max: Math.max(...errors), median: median(errors), maps: errors.length, unconverged: unconverged.length },
    sanity: { samples: sanitySamples, steps: sanity.steps, correlations: sanity.correlations, absCorrelations: sanity.absCorrelations, constantMaps: sanity.constantMaps, threshold: FLAG_THRESHOLD, flagged: sanity.flagged, figureSample, figure, seed: ctx.seed },
    seconds,
  };
  const indexFile = await write(EXPLAIN_INDEX_PATH, JSON.stringify(index), 'explain-index', { samples: samples.length, maps: imageJobs.length });
  const total = (now() - t0) / 1000;
  log(`explain: ${imageFiles.length} map images, IG completeness error max ${(index.completeness.max * 100).toFixed(2)}% (median ${(index.completeness.median * 100).toFixed(2)}%), ${unconverged.length === 0 ? 'all converged' : `${unconverged.length} not converged`}, ${total.toFixed(1)} s`);
  return {
    files: [...imageFiles, ...rawFiles, indexFile],
    metrics: {
      ig_completeness_max: index.completeness.max,
      ig_completeness_median: index.completeness.median,
      ig_maps: errors.length,
      ig_unconverged: unconverged.length,
      explained_images: samples.length,
      explained_maps: jobs.length * MAP_IDS.length,
      explained_misclassified: selection.misclassified.explained,
      sanity_flagged: sanity.flagged.length,
      explain_seconds: total,
    },
  };
}

function settingsOf(seed: number, igMaxSteps: number, gradCamLayers: readonly string[]): ExplainIndex['settings'] {
  const s = methodSettings(seed, igMaxSteps);
  const { steps, maxSteps, refineAbove } = s.integratedGradients;
  return {
    smoothGrad: { samples: s.smoothGrad.samples, noise: s.smoothGrad.noise },
    integratedGradients: { steps, maxSteps, refineAbove, maxError: MAX_COMPLETENESS_ERROR, baseline: 'black' },
    occlusion: s.occlusion,
    gradCamLayers: [...gradCamLayers],
    imageScale: MAP_SCALE,
  };
}

export interface UnconvergedMap {
  sample: number;
  digit: number;
  error: number;
  steps: number;
}

/** The IG maps that miss completeness by more than MAX_COMPLETENESS_ERROR after refining, worst first. */
export function unconvergedMaps(errors: Float32Array, steps: Int32Array, jobs: { sample: number; digit: number }[]): UnconvergedMap[] {
  const bad = jobs.map((j, i) => ({ sample: j.sample, digit: j.digit, error: errors[i], steps: steps[i] })).filter((j) => !converged(j.error));
  // NaN (non-finite scores) sorts first: it is the worst.
  return bad.sort((a, b) => (Number.isNaN(a.error) ? -1 : Number.isNaN(b.error) ? 1 : b.error - a.error));
}

/** One log line naming the count, the step limit and the worst maps. */
export function unconvergedLine(bad: UnconvergedMap[], total: number, maxSteps: number): string {
  const worst = bad.slice(0, 3).map((j) => `test image ${j.sample}, class ${j.digit}: ${(j.error * 100).toFixed(2)}%`).join('; ');
  return `explain: ${bad.length} of ${total} Integrated Gradients maps did not converge within ${maxSteps} steps (completeness error above ${MAX_COMPLETENESS_ERROR * 100}%; largest: ${worst}); `
    + 'they are published marked "not converged". A longer-trained model, or a higher --ig-max-steps, usually helps.';
}
