import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { availableParallelism } from 'node:os';
import { BUILD_FLAGS, FLAGS, helpText, parseFlags, resolveConfig } from '../../pipeline/cli/options';

describe('CLI options', () => {
  it('uses the seed preset with the article settings by default', () => {
    const { config, out, force } = resolveConfig(parseFlags([]));
    expect(config).toMatchObject({ preset: 'seed', epochs: 100, trainLimit: 60000, testLimit: 10000, batchSize: 128, patience: 2, learningRate: 0.001 });
    expect(out).toBe('artifacts');
    expect(force).toBe(false);
    expect(config.workers).toBe(availableParallelism()); // one worker per core
  });

  it('lets flags override the preset', () => {
    const { config } = resolveConfig(parseFlags(['--preset', 'quick', '--epochs=3', '--samples', '7,9']));
    expect(config).toMatchObject({ preset: 'quick', epochs: 3, trainLimit: 4096, samples: [7, 9] });
  });

  it('rejects unknown flags, bad numbers and bad choices with a pointer to --help', () => {
    expect(() => parseFlags(['--epoch', '3'])).toThrow(/unknown flag --epoch[\s\S]*--help/);
    expect(() => parseFlags(['--epochs', 'many'])).toThrow(/--epochs expects a number, got "many"/);
    expect(() => parseFlags(['--backend', 'gpu'])).toThrow(/--backend must be one of auto, tensorflow, wasm\+onednn, wasm, cpu/);
    expect(() => resolveConfig(parseFlags(['--batch-size', '0']))).toThrow(/--batch-size must be a positive whole number/);
  });

  it('documents every flag in --help', () => {
    const text = helpText('pipeline');
    for (const name of Object.keys(FLAGS)) expect(text).toContain(`--${name}`);
    expect(text).toContain('(default: 128)');
  });

  it('rejects --force together with --no-train instead of letting one win', () => {
    expect(() => resolveConfig(parseFlags(['--no-train', '--force'], BUILD_FLAGS))).toThrow(/--force and --no-train contradict each other[\s\S]*--help/);
    expect(resolveConfig(parseFlags(['--no-train'], BUILD_FLAGS))).toMatchObject({ train: false, force: false });
    expect(resolveConfig(parseFlags(['--force'], BUILD_FLAGS))).toMatchObject({ train: true, force: true });
  });

  it('rejects a --test-limit too small to hold the article\'s test image 51, naming the smallest that works', () => {
    expect(() => resolveConfig(parseFlags(['--test-limit', '51'], BUILD_FLAGS))).toThrow(/--test-limit must be at least 52, got 51: .*test image 51/);
    expect(resolveConfig(parseFlags(['--test-limit', '52'], BUILD_FLAGS)).config.testLimit).toBe(52);
  });

  it('resolves --data-dir against the working directory, so ./d and d are the same folder', () => {
    const a = resolveConfig(parseFlags(['--data-dir', './d'])).config.dataDir;
    expect(a).toBe(path.resolve('d'));
    expect(resolveConfig(parseFlags(['--data-dir', 'd'])).config.dataDir).toBe(a);
    expect(resolveConfig(parseFlags([])).config.dataDir).toBeNull();
  });

  it('lets --help win over other flags, even invalid or unknown ones', () => {
    expect(resolveConfig(parseFlags(['--help', '--epochs', '0'])).help).toBe(true);
    expect(resolveConfig(parseFlags(['--epochs', '0', '--help'], BUILD_FLAGS)).help).toBe(true);
    expect(resolveConfig(parseFlags(['--epoch', '3', '--help'])).help).toBe(true);
    expect(resolveConfig(parseFlags(['--epochs', '3'])).help).toBe(false);
  });

  it.each([['1.5'], ['-1'], ['4294967296']])('rejects --seed %s: seeds are whole numbers from 0 to 2³²−1', (seed) => {
    expect(() => resolveConfig(parseFlags(['--seed', seed]))).toThrow(`--seed must be a whole number ≥ 0 and ≤ 4294967295, got ${Number(seed)}\nRun with --help to see every flag.`);
  });

  it('accepts --seed 0 and the largest 32-bit seed', () => {
    expect(resolveConfig(parseFlags(['--seed', '0'])).config.seed).toBe(0);
    expect(resolveConfig(parseFlags(['--seed', '4294967295'])).config.seed).toBe(4294967295);
  });

  it('says in --help what happens to limits beyond the data, the batch size bound, the seed range and the workers cap', () => {
    const text = helpText('pipeline');
    expect(text).toContain('more than the data holds uses all of them (and records that number)');
    expect(text).toContain('mini-batch size, at most the number of training images used');
    expect(text).toContain('a whole number from 0 to 4294967295');
    expect(text).toContain('capped at 4 per core');
    expect(text).toContain('show this help (and do nothing else, whatever other flags are given)');
  });
});

describe('--ig-max-steps', () => {
  it('defaults to 512 and takes any whole number from the first pass\'s 64 steps up, naming the flag otherwise', () => {
    expect(resolveConfig(parseFlags([])).config.igMaxSteps).toBe(512);
    expect(resolveConfig(parseFlags(['--ig-max-steps', '64'])).config.igMaxSteps).toBe(64);
    expect(resolveConfig(parseFlags(['--ig-max-steps=2000'], BUILD_FLAGS)).config.igMaxSteps).toBe(2000);
    for (const bad of ['63', '100.5', '-1']) {
      expect(() => resolveConfig(parseFlags(['--ig-max-steps', bad]))).toThrow(new RegExp(`--ig-max-steps must be a whole number ≥ 64 .*got ${bad}[\\s\\S]*--help`));
    }
    expect(Object.keys(FLAGS).indexOf('ig-max-steps')).toBe(Object.keys(FLAGS).indexOf('samples') + 1);
  });
});

describe('--model, --architecture and --input-scale', () => {
  it('resolves the model files against the working directory and defaults to the tutorial at unit scale', () => {
    const { config } = resolveConfig(parseFlags(['--model', 'm.h5', '--input-scale', 'byte'], BUILD_FLAGS));
    expect(config.model).toBe(path.resolve('m.h5'));
    expect(config.inputScale).toBe('byte');
    expect(resolveConfig(parseFlags([])).config).toMatchObject({ model: null, architecture: null, inputScale: 'unit' });
    expect(() => resolveConfig(parseFlags(['--input-scale', 'half']))).toThrow(/--input-scale must be one of unit, byte; got "half"/);
  });

  it('refuses --model with --architecture or a training flag, naming them, rather than letting one win', () => {
    expect(() => resolveConfig(parseFlags(['--model', 'm.h5', '--architecture', 'a.json']))).toThrow(/--model shows a model trained elsewhere.*--architecture would have no effect.*the --architecture network/);
    expect(() => resolveConfig(parseFlags(['--model', 'm.h5', '--epochs', '3', '--batch-size', '64']))).toThrow(/--epochs, --batch-size would have no effect\. Leave out those flags/);
    expect(resolveConfig(parseFlags(['--architecture', 'a.json', '--epochs', '3'])).config).toMatchObject({ architecture: path.resolve('a.json'), epochs: 3 });
  });

  it('documents the three flags in --help', () => {
    const help = helpText('npm run build --', BUILD_FLAGS);
    expect(help).toMatch(/--model <string> +a trained model to show .*\.keras.*\.h5.*model\.json/);
    expect(help).toMatch(/--architecture <string> +a network to train here/);
    expect(help).toMatch(/--input-scale <unit\|byte> .*\(default: unit\)/);
  });
});

describe('--image-size and --channels', () => {
  it('are absent from the config unless given, so IDX runs keep their config', () => {
    const { config } = resolveConfig(parseFlags([]));
    expect('imageSize' in config).toBe(false);
    expect('channels' in config).toBe(false);
  });

  it('take a whole side from 8 to 256 and a channel count of 1 or 3', () => {
    expect(resolveConfig(parseFlags(['--image-size', '64', '--channels', '3'])).config).toMatchObject({ imageSize: 64, channels: 3 });
    expect(resolveConfig(parseFlags(['--image-size', '8', '--architecture', 'a.json'])).config.imageSize).toBe(8);
    for (const bad of ['7', '257', '28.5']) expect(() => resolveConfig(parseFlags(['--image-size', bad]))).toThrow(`--image-size must be a whole number from 8 to 256 (pixels per side), got ${Number(bad)}`);
    expect(() => resolveConfig(parseFlags(['--channels', '2']))).toThrow(/--channels must be one of 1, 3; got "2"/);
  });

  it('refuse a size the tutorial\'s network cannot take, saying the smallest it can', () => {
    expect(() => resolveConfig(parseFlags(['--image-size', '21']))).toThrow(/--image-size 21 is too small for the tutorial's network.*at least 22 pixels/);
    expect(resolveConfig(parseFlags(['--image-size', '22'])).config.imageSize).toBe(22);
  });

  it('say in --help that they fit image folders only, with their defaults', () => {
    const help = helpText('npm run build --', BUILD_FLAGS);
    expect(help).toMatch(/--image-size <number> +image folders only: .*8–256 .*default: the --model's input, else 28/);
    expect(help).toMatch(/--channels <1\|3> +image folders only: .*1 if all are greyscale, 3 if all are colour; a mix must be chosen/);
    expect(help).toMatch(/--data-dir <string> .*an image folder: train\/<class>\/… and test\/<class>\/… holding PNG, JPEG or WebP pictures.*classes\.json/);
  });
});
