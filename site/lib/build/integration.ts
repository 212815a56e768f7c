import { existsSync, readFileSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AstroIntegration } from 'astro';
import { layerStatsDocument } from '../artifacts/layerStatsDocument';
import { loadArtifacts } from '../artifacts/load';
import { checkPagesBuilt } from './checkPages';
import { ARTIFACTS_URL_DIR, checkArtifactReferences, publishArtifacts } from './publish';

export interface ArtifactsIntegrationOptions {
  artifactsDir: string;
  base: string;
  /** The content folder (content/en, content/zh): every file in it must become a built page. */
  contentDir: string;
}

/** Copies artifact images and stats into the build output (and serves them in `astro dev`). */
export function artifactsIntegration({ artifactsDir, base, contentDir }: ArtifactsIntegrationOptions): AstroIntegration {
  return {
    name: 'cnn-report-artifacts',
    hooks: {
      'astro:server:setup': ({ server }) => {
        // Astro's dev server may already have stripped the base from the URL, so accept both forms.
        const prefixes = [`${base}${ARTIFACTS_URL_DIR}/`, `/${ARTIFACTS_URL_DIR}/`];
        const serveArtifact = (req: IncomingMessage, res: ServerResponse, next: (error?: unknown) => void): void => {
          const url = decodeURIComponent((req.url ?? '').split('?')[0] ?? '');
          const prefix = prefixes.find((p) => url.startsWith(p));
          if (!prefix) return next();
          const rel = url.slice(prefix.length);
          const stats = /^site-stats\/([\w-]+)\.json$/.exec(rel);
          try {
            if (stats) {
              res.setHeader('Content-Type', 'application/json');
              res.end(JSON.stringify(layerStatsDocument(loadArtifacts(artifactsDir), stats[1] as string)));
              return;
            }
            const file = path.join(artifactsDir, rel);
            if (!file.startsWith(artifactsDir + path.sep) || !existsSync(file)) return next();
            res.setHeader('Content-Type', rel.endsWith('.png') ? 'image/png' : rel.endsWith('.json') ? 'application/json' : 'application/octet-stream');
            res.end(readFileSync(file));
          } catch (error) {
            next(error);
          }
        };
        // First in the stack: Astro's own dev handler would answer 404 for these non-route URLs.
        server.middlewares.stack.unshift({ route: '', handle: serveArtifact as (typeof server.middlewares.stack)[number]['handle'] });
      },
      'astro:build:done': async ({ dir, logger }) => {
        const outDir = fileURLToPath(dir);
        const pages = checkPagesBuilt(outDir, contentDir);
        const { images, explorerFiles, mapFiles, statsFiles } = await publishArtifacts(artifactsDir, outDir);
        const refs = await checkArtifactReferences(outDir, base);
        logger.info(`${pages} content pages built; copied ${images} artifact images, ${explorerFiles} model and test-image files, ${mapFiles} embedding map file(s) and ${statsFiles} stats files; ${refs} artifact references checked`);
      },
    },
  };
}
