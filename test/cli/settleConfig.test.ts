import { describe, expect, it } from 'vitest';
import type { DataInfo, PipelineConfig } from '../../pipeline/artifacts/types';
import { settleConfig } from '../../pipeline/cli/settleConfig';
import { mnistClasses } from '../../shared/data/classes';

const config = (over: Partial<PipelineConfig> = {}): PipelineConfig => ({
  preset: 'seed', seed: 42, epochs: 100, batchSize: 128, learningRate: 0.001, patience: 2, trainLimit: 60000, testLimit: 10000,
  dataDir: null, backend: 'wasm', workers: 2, samples: [], igMaxSteps: 512, ...over,
});
const data = (over: Partial<DataInfo> = {}): DataInfo => ({
  source: '/data', trainCount: 60000, testCount: 10000, trainAvailable: 60000, testAvailable: 10000, height: 28, width: 28, channels: 1, classes: mnistClasses(), format: 'idx',
  files: ['train-images-idx3-ubyte', 'train-labels-idx1-ubyte', 't10k-images-idx3-ubyte', 't10k-labels-idx1-ubyte'].map((name) => ({ name, bytes: 1, sha256: 'a', checksumKnown: true })),
  known: 'mnist', ...over,
});

function settle(c: PipelineConfig, d: DataInfo = data(), cores = 2) {
  const lines: string[] = [];
  return { config: settleConfig(c, d, (l) => lines.push(l), cores), lines };
}

describe('settleConfig', () => {
  it('uses all training images when --train-limit asks for more, saying so and recording the number used', () => {
    const { config: used, lines } = settle(config({ trainLimit: 99999999 }));
    expect(used.trainLimit).toBe(60000);
    expect(lines).toEqual(['--train-limit 99999999 is more than the 60,000 training images in the data: using all 60,000 training images']);
  });

  it('uses all test images when --test-limit asks for more', () => {
    const { config: used, lines } = settle(config({ testLimit: 20000 }));
    expect(used.testLimit).toBe(10000);
    expect(lines).toEqual(['--test-limit 20000 is more than the 10,000 test images in the data: using all 10,000 test images']);
  });

  it('changes nothing and says nothing for limits within the data', () => {
    const given = config({ trainLimit: 4096, testLimit: 1000 });
    expect(settle(given)).toEqual({ config: given, lines: [] });
  });

  it('refuses a --batch-size larger than the training set used, naming both numbers', () => {
    expect(() => settle(config({ trainLimit: 4096, batchSize: 100000 }))).toThrow(
      '--batch-size 100000 is larger than the training set (4,096 images used): give a --batch-size of at most 4,096.\nRun with --help to see every flag.',
    );
    expect(settle(config({ trainLimit: 4096, batchSize: 4096 })).config.batchSize).toBe(4096);
  });

  it('caps --workers at 4 per core with a message', () => {
    const { config: used, lines } = settle(config({ workers: 64 }));
    expect(used.workers).toBe(8);
    expect(lines).toEqual(['--workers 64 is more than 4 per core (2 cores here): using 8 workers; more would only take turns on the cores, each starting its own backend']);
    expect(settle(config({ workers: 8 })).config.workers).toBe(8);
  });

  it('blames the data, not --test-limit, when the data\'s test set is too small for the article', () => {
    expect(() => settle(config({ dataDir: '/mine' }), data({ testAvailable: 40, testCount: 40 }))).toThrow(
      '/mine/t10k-images-idx3-ubyte: the test set has only 40 images, but the article follows test image 51, so it needs at least 52. Point --data-dir at a folder whose test set holds 52 images or more.',
    );
  });

  it('names an image folder\'s test/ when it holds too few pictures for the article', () => {
    expect(() => settle(config({ dataDir: '/pets' }), data({ testAvailable: 40, testCount: 40, format: 'folder', source: '/pets', files: [] }))).toThrow(
      '/pets/test: the test set has only 40 images, but the article follows test image 51, so it needs at least 52. Add pictures to the class folders of test/ (52 or more in all).',
    );
  });

  it('names --test-limit when it alone is too small for the article', () => {
    expect(() => settle(config({ testLimit: 40 }))).toThrow('--test-limit 40: the article sample: test index 51 does not exist; the test set has 40 images (0–39)');
  });

  it('refuses a --samples index outside the test set as a usage error saying how to reach it', () => {
    expect(() => settle(config({ testLimit: 1000, samples: [99999] }))).toThrow(
      "--samples: test index 99999 does not exist; the test set has 1000 images (0–999); the data's test set has 10,000 images: give an index below 1000 (or below 10,000 with a larger --test-limit).\nRun with --help to see every flag.",
    );
    expect(() => settle(config({ testLimit: 1000, samples: [5000] }))).toThrow(
      '--samples: test index 5000 does not exist; the test set has 1000 images (0–999); raise --test-limit to 5001 or more to include it.\nRun with --help to see every flag.',
    );
  });
});
