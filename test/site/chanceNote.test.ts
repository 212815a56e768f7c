import { describe, expect, it } from 'vitest';
import { chanceNoteDirective } from '../../site/lib/directives/chanceNote';
import type { DirectiveContext } from '../../site/lib/directives/context';
import { TUTORIAL_DESCRIPTION } from '../model/tutorialDescription';

const context = (accuracy: number, lang: 'en' | 'zh', scale: 'unit' | 'byte' = 'unit') =>
  ({ lang, artifacts: { manifest: { metrics: { test_accuracy: accuracy }, model: { ...TUTORIAL_DESCRIPTION, input: { ...TUTORIAL_DESCRIPTION.input, scale } } } } }) as unknown as DirectiveContext;

describe('::chance-note', () => {
  it('warns below twice the chance rate and suggests the other input scaling, in both languages', () => {
    expect(chanceNoteDirective.render({}, context(0.112, 'en'))).toMatch(/only 11\.2% of the test images correctly, near chance \(10\.0%\).*--input-scale byte/);
    expect(chanceNoteDirective.render({}, context(0.112, 'zh', 'byte'))).toMatch(/只判对了 11\.2% .*--input-scale unit/);
  });

  it('says nothing for a model that scores well above chance', () => {
    expect(chanceNoteDirective.render({}, context(0.2, 'en'))).toBe('');
    expect(chanceNoteDirective.render({}, context(0.99, 'zh'))).toBe('');
  });
});
