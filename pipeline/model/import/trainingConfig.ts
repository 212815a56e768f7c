import { isObject, type Json } from './modelFileError';

/** A class or function name from a Keras/TF.js serialized value: 'Adam', 'categorical_crossentropy', {class_name: 'Adam'}. */
function nameOf(v: Json | undefined): string | null {
  if (typeof v === 'string') return v.replace(/^Custom>/, '');
  if (isObject(v)) {
    if (typeof v.class_name === 'string') return v.class_name.replace(/^Custom>/, '');
    // One loss per output ({"dense_1": "categorical_crossentropy"}): a single chain has one output.
    const values = Object.values(v).map(nameOf).filter((n): n is string => n !== null);
    return values.length ? [...new Set(values)].join(', ') : null;
  }
  if (Array.isArray(v)) return nameOf(v[0]);
  return null;
}

/**
 * The optimizer and loss a file records, names only: Keras 2 / TF.js `training_config`
 * ({optimizer_config: {class_name}, loss}) or Keras 3 `compile_config` ({optimizer, loss}).
 */
export function optimizerAndLoss(training: unknown): { optimizer: string | null; loss: string | null } {
  if (!isObject(training)) return { optimizer: null, loss: null };
  return { optimizer: nameOf(training.optimizer_config ?? training.optimizer), loss: nameOf(training.loss) };
}
