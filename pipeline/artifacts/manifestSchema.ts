// The one zod schema of manifest.json (types.ts: Manifest). The pipeline checks its own manifest with it
// on every read and before every commit; the site reads the manifest with it too, so a manifest the
// pipeline accepts is one the site accepts. It checks shape, not values: wrong output fails with the field named.
import { z } from 'zod';
import { KNOWN_DATASETS } from '../data/checksums';
import { FIT_RULE } from '../../shared/data/fitImage';
import { issueField, issueMessage, safeParseReporting } from '../../shared/schema/issues';
import type { Manifest } from './types';

// Finite: JSON writes NaN and Infinity as null, so a manifest holding them in memory would be written as one
// the site rejects; checking the object before it is written therefore catches them.
const num = z.number().finite();
const str = z.string();

export const artifactFileSchema = z.object({
  path: str, kind: str, bytes: num, sha256: str, meta: z.record(str, z.unknown()).optional(),
});

/** data.json (kind 'data-info') and the manifest's `data`. */
export const dataInfoSchema = z.object({
  source: str, trainCount: num, testCount: num, trainAvailable: num, testAvailable: num, height: num, width: num,
  files: z.array(z.object({ name: str, bytes: num, sha256: str, checksumKnown: z.boolean() })),
  known: z.enum(KNOWN_DATASETS).nullable(),
  channels: num,
  classes: z.object({
    en: z.array(str), zh: z.array(str), source: z.enum(['mnist', 'fashion-mnist', 'classes.json', 'folders', 'numbered']),
    zhFromEnglish: z.boolean(), noun: z.enum(['digit', 'image']),
  }),
  format: z.enum(['idx', 'folder']),
  folder: z.object({
    fit: z.literal(FIT_RULE), smallest: z.tuple([num, num]), largest: z.tuple([num, num]), colourPictures: num, greyPictures: num,
    skipped: num, skippedExamples: z.array(str), listingSha256: str,
  }).optional(),
});

const layerSchema = z.object({
  name: str, type: str, outputShape: z.array(num), params: num,
  filters: num.optional(), kernelSize: z.tuple([num, num]).optional(), strides: z.tuple([num, num]).optional(),
  padding: str.optional(), units: num.optional(), activation: str.optional(), rate: num.optional(),
});

/** The model description (pipeline/model/description.ts): what every stage and the site read about the model. */
export const modelDescriptionSchema = z.object({
  source: z.object({
    kind: z.enum(['tutorial', 'architecture', 'imported']),
    file: str.optional(), format: z.enum(['keras', 'h5', 'tfjs', 'keras-json']).optional(),
    kerasVersion: str.nullable().optional(), generatedBy: str.nullable().optional(), sha256: str.optional(),
    optimizer: str.nullable().optional(), loss: str.nullable().optional(),
  }),
  input: z.object({ height: num, width: num, channels: num, scale: z.enum(['unit', 'byte']) }),
  classes: num,
  layers: z.array(layerSchema),
  totalParams: num,
  visualized: z.array(str),
  convolutions: z.array(str),
  gradCam: z.array(str),
  weighted: z.array(str),
  firstConvolution: str,
  embedding: str.nullable(),
  logitLayer: str,
  softmax: z.enum(['dense', 'layer', 'none']),
});

export const manifestSchema = z.object({
  schemaVersion: num,
  pipelineVersion: str,
  createdAt: str,
  cacheKey: str,
  trainingKey: str,
  config: z.object({ preset: str, seed: num, epochs: num, batchSize: num, learningRate: num, patience: num, trainLimit: num, testLimit: num, backend: str,
    imageSize: num.optional(), channels: z.union([z.literal(1), z.literal(3)]).optional() }).loose(),
  backend: z.object({
    name: str, version: str, threads: num, description: str,
    onednn: z.object({ version: str, threading: str, threads: num, kernels: z.array(str) }).optional(),
  }),
  versions: z.record(str, str),
  timings: z.record(str, num),
  metrics: z.record(str, num),
  data: dataInfoSchema,
  model: modelDescriptionSchema,
  files: z.array(artifactFileSchema),
});

/** The value at a zod issue's path, to say "is NaN" where JSON would only show null. */
function valueAt(value: unknown, at: PropertyKey[]): unknown {
  return at.reduce<unknown>((v, key) => (v !== null && typeof v === 'object' ? (v as Record<PropertyKey, unknown>)[key] : undefined), value);
}

/**
 * Checks a manifest, parsed from manifest.json or about to be written to it. Returns the manifest, or
 * the first problems (at most three, each naming its field) as one line.
 */
export function parseManifest(value: unknown): { manifest: Manifest; problem?: undefined } | { manifest?: undefined; problem: string } {
  const result = safeParseReporting(manifestSchema, value);
  if (result.success) return { manifest: result.data as unknown as Manifest };
  const problem = result.error.issues.slice(0, 3).map((issue) => {
    const field = issueField(issue);
    const found = valueAt(value, issue.path);
    return typeof found === 'number' && !Number.isFinite(found) ? `${field} is ${found}` : `${field}: ${issueMessage(issue)}`;
  }).join('; ');
  return { problem };
}

/** The manifest a run was about to commit does not match the schema the site reads it with. */
export class ManifestRejectedError extends Error {
  override name = 'ManifestRejectedError';
}

/**
 * The last line of defence before a commit: a manifest the site would reject is never written, so the
 * previous artifacts stay in place. Causes found earlier (a diverged loss, a metric that could not be
 * computed) stop the run with a better message; this catches whatever they miss.
 */
export function assertManifestWritable(manifest: Manifest, outDir: string): void {
  const { problem } = parseManifest(manifest);
  if (problem === undefined) return;
  throw new ManifestRejectedError(
    `refusing to write manifest.json: ${problem}. The site could not read it, so nothing was committed and the previous artifacts in ${outDir} were kept. This is a bug in the stage that produced that field, or a degenerate run (check the log above).`,
  );
}
