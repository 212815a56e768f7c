// Container directives that keep or drop a passage by what the model is (issue #20): prose only true of
// the tutorial's network sits in `:::tutorial-network`, its counterpart for any other model in
// `:::other-network`; prose about training here (curves, early stopping, the timelapse) in `:::trained-here`,
// and what replaces it for a model read from a file in `:::imported`.
import type { ModelSource } from '../../../pipeline/model/description';

export interface ConditionSpec {
  kind: 'container';
  /** Whether the passage is shown for a model from this source. */
  shows(source: ModelSource): boolean;
}

export const CONDITIONS: Record<string, ConditionSpec> = {
  'tutorial-network': { kind: 'container', shows: (s) => s.kind === 'tutorial' },
  'other-network': { kind: 'container', shows: (s) => s.kind !== 'tutorial' },
  'trained-here': { kind: 'container', shows: (s) => s.kind !== 'imported' },
  imported: { kind: 'container', shows: (s) => s.kind === 'imported' },
};
