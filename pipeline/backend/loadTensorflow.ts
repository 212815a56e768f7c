export type TensorflowBinding = { ok: true; version: string } | { ok: false; reason: string };

/**
 * Loads the optional native binding. Its package name is kept in a variable so neither
 * TypeScript nor a bundler insists on it being installed; importing it registers the
 * "tensorflow" backend with the tfjs-core it resolves to.
 */
export async function loadTensorflowBinding(specifier = '@tensorflow/tfjs-node'): Promise<TensorflowBinding> {
  try {
    const mod = (await import(specifier)) as { version?: Record<string, string> };
    const version = mod.version?.['tfjs-node'] ?? 'unknown';
    return { ok: true, version };
  } catch (error) {
    const message = error instanceof Error ? error.message.split('\n')[0] : String(error);
    return { ok: false, reason: message };
  }
}
