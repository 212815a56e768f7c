import { readFileSync } from 'node:fs';
import remarkDirective from 'remark-directive';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import { VFile } from 'vfile';
import { remarkArtifactDirectives, type ArtifactDirectivesOptions } from '../directives/index';

/** Blanks the frontmatter but keeps its lines, so reported line numbers match the file. */
export function blankFrontmatter(source: string): string {
  const match = /^---\r?\n[\s\S]*?\r?\n---\r?\n/.exec(source);
  return match ? match[0].replace(/[^\n]/g, '') + source.slice(match[0].length) : source;
}

/**
 * Astro's content loader only logs a markdown render error and builds the page without it.
 * When an entry has no rendered HTML, this re-runs the directives on the file to throw the real error
 * (file, line, valid names), so the build fails instead.
 */
export async function assertRendered(
  entry: { filePath?: string; id: string; rendered?: { html: string } },
  options: ArtifactDirectivesOptions,
): Promise<void> {
  if (entry.rendered?.html) return;
  if (!entry.filePath) throw new Error(`Content entry ${entry.id} did not render; see the error above.`);
  const file = new VFile({ path: entry.filePath, value: blankFrontmatter(readFileSync(entry.filePath, 'utf8')) });
  const processor = unified().use(remarkParse).use(remarkDirective).use(remarkArtifactDirectives, options);
  await processor.run(processor.parse(file), file);
  throw new Error(`${entry.filePath} did not render (Astro reported the reason above).`);
}
