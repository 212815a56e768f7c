import { readFileSync } from 'node:fs';
import type { Root } from 'mdast';
import type { Plugin } from 'unified';
import { visit } from 'unist-util-visit';
import type { VFile } from 'vfile';
import { loadArtifacts, type SiteArtifacts } from '../artifacts/load';
import { isLang, translator, type Lang } from '../i18n';
import { DirectiveUsageError, type DirectiveContext } from './context';
import { directiveSyntaxProblems, lineColumn, restoreNumberColons } from './directiveSyntax';
import { conditionSpec, directiveSpec, unknownDirectiveMessage } from './registry';

export interface ArtifactDirectivesOptions {
  /** Folder holding manifest.json. */
  artifactsDir: string;
  /** Site base path, e.g. "/" or "/cnn/" (a trailing slash is added if missing). */
  base?: string;
  /** Page language; by default taken from the file path (content/<lang>/…). */
  lang?: Lang;
  /**
   * Not used by the plugin: passing the manifest's hash here makes it part of Astro's config digest,
   * so Astro's content cache is dropped whenever the artifacts change.
   */
  manifestDigest?: string;
  /** Likewise for the site's own code (see site/lib/build/siteOptions.ts). */
  codeDigest?: string;
}

type DirectiveNode = {
  type: 'textDirective' | 'leafDirective' | 'containerDirective';
  name: string;
  attributes?: Record<string, string | null | undefined> | null;
  position?: { start: { line: number; column: number } };
};

const PREFIX = { textDirective: ':', leafDirective: '::', containerDirective: ':::' } as const;

export function langOfFile(file: VFile): Lang | undefined {
  const match = /(?:^|[\\/])(en|zh)[\\/][^\\/]+\.mdx?$/.exec(file.path ?? '');
  return match && isLang(match[1]) ? match[1] : undefined;
}

/** Astro hands remark the body without frontmatter; this finds how many lines to add to report source lines. */
function lineOffset(file: VFile): number {
  if (!file.path || typeof file.value !== 'string' || file.value.length === 0) return 0;
  try {
    const source = readFileSync(file.path, 'utf8');
    const at = source.lastIndexOf(file.value);
    return at > 0 ? source.slice(0, at).split('\n').length - 1 : 0;
  } catch {
    return 0; // not a file on disk (tests, virtual files): lines are already right
  }
}

type Parent = { children: unknown[] };

/** `:::with-script`: prose about a control only the page's script brings (a picker, a slider, a chooser). */
export const SCRIPTED_PASSAGE = 'with-script';

/**
 * Keeps or drops each passage directive (`:::tutorial-network`, `:::imported`, `:::mnist-data`, …) by the model and
 * the data the manifest describes, outermost first: a kept passage is replaced by its content, a dropped one goes with everything
 * in it, so the directives inside a dropped passage are never rendered against a model they do not fit.
 * Any other container directive is an error (the vocabulary has no others).
 */
function keepPassages(tree: Root, context: () => DirectiveContext, fail: (node: DirectiveNode, message: string) => Error): void {
  const walk = (parent: Parent) => {
    for (let i = 0; i < parent.children.length; i++) {
      const child = parent.children[i] as DirectiveNode & Partial<Parent>;
      if (child.type === 'containerDirective' && child.name === SCRIPTED_PASSAGE) {
        // Kept for every model, but shown only once the page's scripts run (site/styles/site.css, html.js).
        if (Object.keys(child.attributes ?? {}).length > 0) throw fail(child, `:::${child.name} takes no attributes`);
        const content = (child.children ?? []).filter((c) => !(c as { data?: { directiveLabel?: boolean } }).data?.directiveLabel);
        const wrapper = { type: 'scriptedPassage', children: content, data: { hName: 'div', hProperties: { className: ['needs-js'] } } };
        parent.children.splice(i, 1, wrapper as unknown as Parent['children'][number]);
        walk(wrapper as unknown as Parent);
        continue;
      }
      if (child.type === 'containerDirective') {
        const spec = conditionSpec(child.name);
        if (!spec) {
          const leaf = directiveSpec(child.name);
          throw fail(child, leaf ? `"${PREFIX.containerDirective}${child.name}" must be written as ${leaf.kind === 'text' ? ':' : '::'}${child.name}` : unknownDirectiveMessage(`:::${child.name}`));
        }
        if (Object.keys(child.attributes ?? {}).length > 0) throw fail(child, `:::${child.name} takes no attributes`);
        // remark-directive puts a label written after the name (`:::x[label]`) first, marked directiveLabel.
        const content = (child.children ?? []).filter((c) => !(c as { data?: { directiveLabel?: boolean } }).data?.directiveLabel);
        const { model, data, metrics, config } = context().artifacts.manifest;
        const shown = spec.shows({ model, data, metrics, config });
        parent.children.splice(i, 1, ...(shown ? content : []));
        i -= 1; // look again at what now stands here: the kept content, which may hold passages itself
        continue;
      }
      if (Array.isArray(child.children)) walk(child as unknown as Parent);
    }
  };
  walk(tree as unknown as Parent);
}

/**
 * Fills the directives of the report's markdown (`:metric`, `::chart`, `::gallery`, …) from the artifacts.
 * Any unknown directive, name or attribute, and any directive syntax remark-directive would leave as text or
 * read only in part (see directiveSyntax.ts), fails the build with the file, the line and the valid choices.
 */
export const remarkArtifactDirectives: Plugin<[ArtifactDirectivesOptions], Root> = (options) => {
  const base = (options.base ?? '/').replace(/\/?$/, '/');
  let artifacts: SiteArtifacts | undefined; // loaded on the first file that uses a directive
  return async (tree, file) => {
    const source = file.toString();
    const at = (line: number, column: number) => `${file.path ?? '<markdown>'}:${line + lineOffset(file)}:${column}`;
    restoreNumberColons(tree, source);
    // Syntax first: a directive remark-directive could not read is plain text, invisible to the checks below.
    const [problem] = directiveSyntaxProblems(tree, source);
    if (problem) {
      const { line, column } = lineColumn(source, problem.offset);
      throw new Error(`${at(line, column)} ${problem.written}: ${problem.message}`);
    }
    const lang = options.lang ?? langOfFile(file);
    const context = (): DirectiveContext => {
      if (!lang) throw new Error(`${file.path ?? '<markdown>'}: cannot tell the page language; content files live in content/en/ or content/zh/.`);
      artifacts ??= loadArtifacts(options.artifactsDir);
      // Every UI string names the data's items by its noun ("digit" only for digit data).
      return { artifacts, lang, t: translator(lang, artifacts.manifest.data.classes.noun), base };
    };
    keepPassages(tree, context, (node, message) => new Error(`${at(node.position?.start.line ?? 0, node.position?.start.column ?? 0)} :::${node.name}: ${message}`));
    const nodes: DirectiveNode[] = [];
    visit(tree, (node) => {
      if (node.type === 'textDirective' || node.type === 'leafDirective' || node.type === 'containerDirective') nodes.push(node as unknown as DirectiveNode);
    });
    if (nodes.length === 0) return;
    const where = (node: DirectiveNode) => at(node.position?.start.line ?? 0, node.position?.start.column ?? 0);
    const ctx = context();
    await Promise.all(nodes.map(async (node) => {
      const written = `${PREFIX[node.type]}${node.name}`;
      try {
        const spec = directiveSpec(node.name);
        if (!spec && conditionSpec(node.name)) throw new DirectiveUsageError(`"${written}" must be written as :::${node.name}, on its own line, closed by a line of ":::"`);
        if (!spec) throw new DirectiveUsageError(unknownDirectiveMessage(written));
        const expected = spec.kind === 'text' ? 'textDirective' : 'leafDirective';
        if (node.type !== expected) throw new DirectiveUsageError(`"${written}" must be written as ${PREFIX[expected]}${node.name}`);
        const attributes: Record<string, string> = {};
        for (const [key, value] of Object.entries(node.attributes ?? {})) {
          if (!spec.attributes.includes(key)) throw new DirectiveUsageError(`unknown attribute "${key}" on ${written}. Valid attributes: ${spec.attributes.join(', ') || '(none)'}`);
          attributes[key] = value ?? '';
        }
        const html = await spec.render(attributes, ctx);
        // Replace the directive in place with raw HTML (Astro passes raw HTML through to the page).
        const replaced = node as unknown as { type: string; value: string; children?: unknown; attributes?: unknown; name?: unknown };
        replaced.type = 'html';
        replaced.value = html;
        delete replaced.children;
        delete replaced.attributes;
        delete replaced.name;
      } catch (error) {
        if (error instanceof DirectiveUsageError) throw new Error(`${where(node)} ${written}: ${error.message}`);
        throw new Error(`${where(node)} ${written}: ${(error as Error).message}`, { cause: error });
      }
    }));
  };
};
