import { describe, expect, it } from 'vitest';
import { describeSource, nearChance, warnIfNearChance } from '../../pipeline/model/modelNotes';
import { TUTORIAL_DESCRIPTION } from './tutorialDescription';

const imported = { ...TUTORIAL_DESCRIPTION, source: { kind: 'imported' as const, file: 'mnist_cnn.h5', format: 'h5' as const, kerasVersion: '2.10.0' } };

describe('model notes', () => {
  it('says where an imported model came from and how its pixels are scaled', () => {
    expect(describeSource(imported)).toBe('imported from mnist_cnn.h5 (legacy Keras HDF5, Keras 2.10.0), not trained here; pixels divided by 255');
  });

  it('calls an accuracy below twice the chance rate near chance and suggests the other scaling', () => {
    expect(nearChance(0.19, 10)).toBe(true);
    expect(nearChance(0.2, 10)).toBe(false);
    const lines: string[] = [];
    warnIfNearChance(0.11, imported, (l) => lines.push(l));
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/11\.0 % .*near chance \(10\.0 %\).*--input-scale byte/);
    warnIfNearChance(0.98, imported, (l) => lines.push(l));
    expect(lines).toHaveLength(1);
  });
});
