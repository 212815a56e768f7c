import * as tf from '@tensorflow/tfjs-core';
import { version_layers } from '@tensorflow/tfjs-layers';
import { describe, expect, it } from 'vitest';
import { backendVersion, installedVersions } from '../../pipeline/artifacts/versions';

describe('installedVersions', () => {
  it('reads the version each installed package reports about itself', () => {
    expect(installedVersions(['@tensorflow/tfjs-core', '@tensorflow/tfjs-layers'])).toEqual({
      '@tensorflow/tfjs-core': tf.version_core,
      '@tensorflow/tfjs-layers': version_layers,
    });
  });

  it('reads packages whose exports map hides their package.json', () => {
    expect(installedVersions(['d3-color'])['d3-color']).toMatch(/^3\./);
  });

  it('fails on a package that is not installed', () => {
    expect(() => installedVersions(['@tensorflow/no-such-package'])).toThrow(/no-such-package/);
  });
});

describe('backendVersion', () => {
  it('names the backend and its package version in one value', () => {
    expect(backendVersion({ name: 'tensorflow', version: '4.22.0' })).toBe('tensorflow 4.22.0');
  });

  it('adds the oneDNN version when its kernels ran, since they round differently', () => {
    const onednn = { version: '3.4.1', threading: 'OpenMP', threads: 2, kernels: [] };
    expect(backendVersion({ name: 'wasm', version: '4.22.0', onednn } as Parameters<typeof backendVersion>[0])).toBe('wasm 4.22.0 + oneDNN 3.4.1');
  });
});
