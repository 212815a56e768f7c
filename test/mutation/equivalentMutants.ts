// Surviving mutants that cannot change any observable behaviour, each with the reason.
// Matched by file, line, mutator and replacement; a stale entry simply matches nothing.
export interface EquivalentMutant {
  file: string;
  line: number;
  mutator: string;
  replacement: string;
  reason: string;
}

export const EQUIVALENT_MUTANTS: EquivalentMutant[] = [];
