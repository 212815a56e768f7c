// The explain stage's part of the fake artifacts: explain/explain.json and the images it lists.
import { mapIds, type ExplainIndex, type ExplainedSample, type MapId } from '../../pipeline/explain/explainIndex';
import type { ArtifactFile } from '../../pipeline/artifacts/types';
import type { ModelDescription } from '../../pipeline/model/description';
import { TUTORIAL_DESCRIPTION } from '../model/tutorialDescription';

type Put = (rel: string, kind: ArtifactFile['kind'], data: string | Buffer, meta?: Record<string, unknown>) => Promise<void>;

export interface FakeExplainInput {
  picker: number[];
  gallery: number[];
  misclassified: number[];
  labels: number[];
  predicted: number[];
  png: (width: number, height: number, shade: number) => Buffer;
  /** The model explained (default: the tutorial's): Grad-CAM layers and the randomisation cascade follow it. */
  model?: ModelDescription;
}

/** The true class of a misclassified image stands for a weak map: its IG did not converge. */
const igCheck = (role: 'predicted' | 'true') => (role === 'true' ? { completeness: 0.0731, steps: 512, converged: false } : { completeness: 0.0123, steps: 64, converged: true });


export async function putFakeExplain(put: Put, { picker, gallery, misclassified, labels, predicted, png, model = TUTORIAL_DESCRIPTION }: FakeExplainInput): Promise<ExplainIndex> {
  const MAP_IDS = mapIds(model.gradCam);
  const perMap = <T>(make: (id: MapId, k: number) => T) => Object.fromEntries(MAP_IDS.map((id, k) => [id, make(id, k)])) as Record<MapId, T>;
  const image = png(84, 84, 40);
  const samples: ExplainedSample[] = [];
  const sets = new Map<number, ExplainedSample['sets']>();
  for (const [set, indices] of [['samples', picker], ['gallery', gallery], ['misclassified', misclassified]] as const) {
    for (const i of indices) sets.set(i, [...(sets.get(i) ?? []), set]);
  }
  for (const [index, inSets] of sets) {
    const roles = labels[index] === predicted[index] ? (['predicted'] as const) : (['predicted', 'true'] as const);
    const targets = [];
    for (const role of roles) {
      const digit = role === 'predicted' ? predicted[index] : labels[index];
      const maps = [];
      for (const [k, id] of MAP_IDS.entries()) {
        const rel = `explain/maps/t${String(index).padStart(5, '0')}/${digit}-${id.replace(':', '-')}.png`;
        await put(rel, 'attribution-map', image, { sample: index, target: digit, map: id });
        maps.push({ id, image: rel, min: -0.1 * k, max: 0.5 + k / 10, sum: 2 + k, ...(id === 'integrated-gradients' ? igCheck(role) : {}) });
      }
      targets.push({ digit, role, score: 4.5, probability: role === 'predicted' ? 0.8 : 0.05, maps });
    }
    await put(`explain/data/t${index}.f32`, 'attribution-data', Buffer.alloc(16));
    samples.push({ index, label: labels[index], predicted: predicted[index], sets: inSets, data: `explain/data/t${index}.f32`, targets });
  }
  const steps = ['original', ...[...model.weighted].reverse()];
  const figure = perMap((id) => steps.map((step) => `explain/sanity/${id.replace(':', '-')}/${step}.png`));
  for (const paths of Object.values(figure)) for (const rel of paths) await put(rel, 'sanity-map', image);
  const index: ExplainIndex = {
    format: 'cnn-hidden-truth/explain@1',
    maps: [...MAP_IDS],
    settings: {
      smoothGrad: { samples: 50, noise: 0.15 },
      integratedGradients: { steps: 64, maxSteps: 512, refineAbove: 0.01, maxError: 0.05, baseline: 'black' },
      occlusion: { patch: 4, stride: 2 },
      gradCamLayers: [...model.gradCam],
      imageScale: 3,
    },
    samples,
    misclassified: { total: misclassified.length + 2, explained: misclassified.length },
    completeness: { max: 0.0731, median: 0.0042, maps: samples.length, unconverged: samples.filter((s) => s.targets.length > 1).length },
    sanity: {
      samples: picker, steps,
      correlations: perMap((_, k) => steps.map((_s, j) => (j === 0 ? 1 : 0.9 - (k * j) / 10))),
      absCorrelations: perMap((_, k) => steps.map((_s, j) => (j === 0 ? 1 : 0.95 - (k * j) / 12))),
      constantMaps: perMap((id) => steps.map((_s, j) => (id.startsWith('grad-cam') && j > 2 ? 1 : 0))),
      threshold: 0.5,
      flagged: ['gradient', 'smoothgrad'],
      figureSample: picker[0], figure, seed: 42,
    },
    seconds: { gradient: 0.1, sanity: 2 },
  };
  await put('explain/explain.json', 'explain-index', JSON.stringify(index));
  return index;
}
