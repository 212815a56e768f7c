/**
 * The run produced numbers that mean nothing (a NaN or infinite loss, a metric that cannot be computed):
 * an expected stop naming the cause and the settings to change, never a manifest the site rejects.
 */
export class DegenerateRunError extends Error {
  override name = 'DegenerateRunError';
}

/** What to change, said the same way wherever a degenerate result is found. */
export function degenerateAdvice(learningRate: number | undefined): string {
  return `Lower --learning-rate${learningRate === undefined ? '' : ` (now ${learningRate})`} or check the training data (--data-dir); the previous artifacts were kept.`;
}

/** Stops the run at the first metric of `stage` that is not a finite number (NaN, ±Infinity, or missing). */
export function checkFiniteMetrics(stage: string, metrics: Record<string, number>, learningRate: number): void {
  for (const [name, value] of Object.entries(metrics)) {
    if (typeof value === 'number' && Number.isFinite(value)) continue;
    throw new DegenerateRunError(
      `the ${stage} stage could not compute ${name} (${value}): the trained model or the data is degenerate (e.g. every unit inactive after a too-high learning rate). ${degenerateAdvice(learningRate)}`,
    );
  }
}
