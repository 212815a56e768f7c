// A file-level beforeAll that throws makes Vitest *skip* the file's tests, not fail them, and
// Stryker's Vitest runner counts a run without failed tests as passing: a mutant that breaks the
// shared set-up would "survive". This runs the set-up once, like beforeAll, but fails each test
// with the set-up's error instead.
import { beforeAll, beforeEach } from 'vitest';

export function beforeAllOrFailEach(setUp: () => Promise<void> | void): void {
  let failure: { error: unknown } | null = null;
  beforeAll(async () => {
    try {
      await setUp();
    } catch (error) {
      failure = { error };
    }
  });
  beforeEach(() => {
    if (failure) throw failure.error;
  });
}
