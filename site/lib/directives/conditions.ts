// Container directives that keep or drop a passage by what the model is (issue #20): prose only true of
// the tutorial's network sits in `:::tutorial-network`, its counterpart for any other model in
// `:::other-network`; prose about training here (curves, early stopping, the timelapse) in `:::trained-here`,
// and what replaces it for a model read from a file in `:::imported`; prose about the embedding map in
// `:::with-embedding`, and its replacement for a model with no hidden Dense or global pooling layer in `:::without-embedding`.
import type { ModelDescription } from '../../../pipeline/model/description';

export interface ConditionSpec {
  kind: 'container';
  /** Whether the passage is shown for this model. */
  shows(model: ModelDescription): boolean;
}

export const CONDITIONS: Record<string, ConditionSpec> = {
  'tutorial-network': { kind: 'container', shows: (m) => m.source.kind === 'tutorial' },
  'other-network': { kind: 'container', shows: (m) => m.source.kind !== 'tutorial' },
  'trained-here': { kind: 'container', shows: (m) => m.source.kind !== 'imported' },
  imported: { kind: 'container', shows: (m) => m.source.kind === 'imported' },
  'with-embedding': { kind: 'container', shows: (m) => m.embedding !== null },
  'without-embedding': { kind: 'container', shows: (m) => m.embedding === null },
};
