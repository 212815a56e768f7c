// Surviving mutants that cannot change any observable behaviour, each with the reason.
// Matched by file, line, mutator and replacement; a stale entry simply matches nothing.
export interface EquivalentMutant {
  file: string;
  line: number;
  mutator: string;
  replacement: string;
  reason: string;
}

const pastTheEnd = 'one more loop pass reads and writes one element past the end of typed arrays, which JavaScript ignores';

export const EQUIVALENT_MUTANTS: EquivalentMutant[] = [
  { file: 'pipeline/train/parallelAdam.ts', line: 42, mutator: 'EqualityOperator', replacement: 'i <= weights.length', reason: pastTheEnd },
  { file: 'pipeline/train/parallelStepper.ts', line: 91, mutator: 'EqualityOperator', replacement: 'j <= g.length', reason: pastTheEnd },
  { file: 'pipeline/evaluate/metrics.ts', line: 8, mutator: 'EqualityOperator', replacement: 'i <= count', reason: pastTheEnd },
  { file: 'pipeline/train/random.ts', line: 16, mutator: 'EqualityOperator', replacement: 'i <= n', reason: pastTheEnd },
  { file: 'pipeline/train/parallelStepper.ts', line: 84, mutator: 'BooleanLiteral', replacement: 'true', reason: 'dead store: `pending` is assigned again nine lines later, before anything reads it' },
  { file: 'pipeline/train/parallelStepper.ts', line: 102, mutator: 'StringLiteral', replacement: '""', reason: 'the worker answers every request that is not "gradients" with its weights' },
];
