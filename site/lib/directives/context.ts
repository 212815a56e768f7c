import type { SiteArtifacts } from '../artifacts/load';
import { classLabeller } from '../classLabels';
import type { Lang, Translate } from '../i18n';

/** What every directive renderer gets: the data, the page language and where images are served from. */
export interface DirectiveContext {
  artifacts: SiteArtifacts;
  lang: Lang;
  t: Translate;
  /** Site base path with a trailing slash, e.g. "/" or "/cnn/". */
  base: string;
}

/** Attributes as written in the markdown, e.g. {name: "loss"}. */
export type DirectiveAttributes = Record<string, string>;

export interface DirectiveSpec {
  /** text: `:name{…}` inside a sentence; leaf: `::name{…}` on its own line. */
  kind: 'text' | 'leaf';
  attributes: readonly string[];
  render(attributes: DirectiveAttributes, ctx: DirectiveContext): string | Promise<string>;
}

/** A directive problem the author must fix; the plugin adds the file and line. */
export class DirectiveUsageError extends Error {
  override name = 'DirectiveUsageError';
}

/** Where artifact files are served from in the built site (the build copies them there). */
export function artifactUrl(base: string, relPath: string): string {
  return `${base}artifacts/${relPath}`;
}

/** Where the per-layer channel stats JSON is served from (written by the build, fetched on zoom). */
export function layerStatsUrl(base: string, layer: string): string {
  return `${base}artifacts/site-stats/${layer}.json`;
}

export function requireOneOf(value: string | undefined, valid: readonly string[], what: string): string {
  if (value === undefined) throw new DirectiveUsageError(`missing ${what}. Valid values: ${valid.join(', ')}`);
  if (!valid.includes(value)) throw new DirectiveUsageError(`unknown ${what} "${value}". Valid values: ${valid.join(', ')}`);
  return value;
}

/** label → the class's name in the page's language (site/lib/classLabels.ts): what every figure prints for a label. */
export function classNameOf(ctx: Pick<DirectiveContext, 'artifacts' | 'lang'>): (label: number) => string {
  return classLabeller(ctx.artifacts.manifest.data.classes, ctx.lang);
}
