import { fileURLToPath } from 'node:url';
import type { Plugin } from 'vite';

/** Vite plugin: in client bundles only, `vega-lite` resolves to a stub (server-side rendering keeps the real one). */
export function clientWithoutVegaLite(): Plugin {
  const stub = fileURLToPath(new URL('./vegaLiteStub.ts', import.meta.url));
  return {
    name: 'cnn-report-client-without-vega-lite',
    enforce: 'pre',
    resolveId(id, _importer, options) {
      if (id === 'vega-lite' && !options?.ssr) return stub;
      return null;
    },
  };
}
