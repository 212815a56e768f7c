// What an attribution figure shows, per test image: the maps for each explained class with the
// strings the page needs, built once here and read both by the directive (the first image, as
// HTML) and by site/scripts/attribution.ts (switching images in the browser).
import { METHOD_NAMES, methodOf, type ExplainSet, type ExplainedSample, type MapId } from '../../../pipeline/explain/explainIndex';
import { formatPercent } from '../format/number';
import { artifactUrl, classNameOf, DirectiveUsageError, requireOneOf, type DirectiveContext } from './context';
import { methodLabel } from './methodLabel';

export interface AttributionMapView {
  src: string;
  /** min, max and sum of the raw map, for the zoom. */
  range: [number, number, number];
  /** Integrated Gradients: "completeness error 0.21%". */
  note?: string;
  /** Integrated Gradients above maxError after maxSteps: "not converged after 512 steps" (a badge, in words). */
  flag?: string;
}

export interface AttributionSampleView {
  caption: string;
  /** `digit`: the class's label; `name`: its name in the page's language (filled into the maps' alt text). */
  targets: { digit: number; name: string; heading: string; maps: AttributionMapView[] }[];
}

export interface AttributionData {
  initial: string;
  /** true: the figure follows the page's sample picker (event `cnn:sample`). */
  follow: boolean;
  size: number; // PNG width = height
  methods: string[]; // label of each shown map, in order
  labels: { alt: string; hint: string; min: string; max: string; sum: string; close: string };
  samples: Record<string, AttributionSampleView>;
}


/**
 * The map ids that `method` (and `layer`, for Grad-CAM) select among the build's `maps` (explain.json:
 * the Grad-CAM layers are the model's own); all of them without a method.
 */
export function selectMaps(method: string | undefined, layer: string | undefined, maps: readonly MapId[], gradCamLayers: readonly string[]): MapId[] {
  if (method === undefined) {
    if (layer !== undefined) throw new DirectiveUsageError(`"layer" needs method="grad-cam". Valid methods: ${METHOD_NAMES.join(', ')}`);
    return [...maps];
  }
  requireOneOf(method, METHOD_NAMES, 'method');
  if (layer !== undefined) {
    if (method !== 'grad-cam') throw new DirectiveUsageError(`"layer" applies only to method="grad-cam", not "${method}"`);
    requireOneOf(layer, gradCamLayers, 'Grad-CAM layer');
  }
  return maps.filter((id) => methodOf(id).method === method && (layer === undefined || methodOf(id).layer === layer));
}

export function sampleView(s: ExplainedSample, maps: MapId[], ctx: DirectiveContext): AttributionSampleView {
  const { t, lang, base } = ctx;
  const name = classNameOf(ctx);
  return {
    caption: t('attr.caption', { sample: s.index, label: name(s.label), predicted: name(s.predicted) }),
    targets: s.targets.map((target) => ({
      digit: target.digit,
      name: name(target.digit),
      heading: t(target.role === 'true' ? 'attr.heading.true' : 'attr.heading.predicted', { class: name(target.digit), probability: formatPercent(target.probability, lang, 1) }),
      maps: maps.map((id) => {
        const ref = target.maps.find((m) => m.id === id);
        if (!ref) throw new DirectiveUsageError(`explain.json has no ${id} map for test image ${s.index}, class ${target.digit} (${name(target.digit)})`);
        const view: AttributionMapView = { src: artifactUrl(base, ref.image), range: [ref.min, ref.max, ref.sum] };
        if (ref.completeness !== undefined) view.note = t('attr.completeness', { error: formatPercent(ref.completeness, lang, 2) });
        if (ref.converged === false) view.flag = t('attr.unconverged', { steps: ref.steps ?? '?' });
        return view;
      }),
    })),
  };
}

/** Which images a figure offers and which it shows first; `sample` must be one of them. */
export function attributionData(set: ExplainSet, sample: string | undefined, maps: MapId[], ctx: DirectiveContext): AttributionData {
  const explain = ctx.artifacts.explain();
  const members = explain.samples.filter((s) => s.sets.includes(set));
  if (members.length === 0) throw new DirectiveUsageError(`explain.json has no test images in the set "${set}"`);
  const initial = sample ?? String(set === 'samples' ? ctx.artifacts.visuals.articleSample : members[0].index);
  requireOneOf(initial, members.map((s) => String(s.index)), set === 'samples' ? 'sample' : `sample of set="${set}"`);
  const { t } = ctx;
  return {
    initial,
    follow: set === 'samples',
    // The maps are the model's input size, drawn imageScale times larger (square inputs: see paintAttribution).
    size: ctx.artifacts.manifest.model.input.width * explain.settings.imageScale,
    methods: maps.map((id) => methodLabel(id, t)),
    labels: { alt: t('attr.alt'), hint: t('attr.hint'), min: t('zoom.min'), max: t('zoom.max'), sum: t('attr.sum'), close: t('zoom.close') },
    samples: Object.fromEntries(members.map((s) => [String(s.index), sampleView(s, maps, ctx)])),
  };
}
