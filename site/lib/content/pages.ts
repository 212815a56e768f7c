import { z } from 'zod';
import { LANGS, type Lang } from '../i18n';
import { isTutorialNetwork, type ModelDescription } from '../../../pipeline/model/description';

export const PAGE_KINDS = ['article', 'explore', 'model', 'training', 'errors', 'explanations', 'channels', 'about'] as const;
export type PageKind = (typeof PAGE_KINDS)[number];

/** Frontmatter of every content page; strict, so a stray key in one language fails the build too. */
export const pageFrontmatterSchema = z
  .object({
    title: z.string().min(1),
    description: z.string().min(1),
    page: z.enum(PAGE_KINDS),
    order: z.number(),
    /** For a model other than the tutorial's network, when the title or description state its facts (issue #20). */
    otherTitle: z.string().min(1).optional(),
    otherDescription: z.string().min(1).optional(),
    /** For a model read from a file (not trained here); before the `other` variants. */
    importedTitle: z.string().min(1).optional(),
    importedDescription: z.string().min(1).optional(),
    /** For data other than MNIST (issue #21), when the title or description call the images digits; before every model variant, so true of any model too. */
    otherDataTitle: z.string().min(1).optional(),
    otherDataDescription: z.string().min(1).optional(),
  })
  .strict();
export type PageFrontmatter = z.infer<typeof pageFrontmatterSchema>;

/**
 * The title and description a page shows for a model from this source and this data: the variant written
 * for data other than MNIST, else for the model, else the page's own. `shown` defaults to MNIST.
 */
export function frontmatterFor(data: PageFrontmatter, model: Pick<ModelDescription, 'source' | 'input' | 'classes'>, shown: { known: string | null } = { known: 'mnist' }): { title: string; description: string } {
  const imported = model.source.kind === 'imported';
  const other = !isTutorialNetwork(model);
  const otherData = shown.known !== 'mnist';
  return {
    title: (otherData ? data.otherDataTitle : undefined) ?? (imported ? data.importedTitle : undefined) ?? (other ? data.otherTitle : undefined) ?? data.title,
    description: (otherData ? data.otherDataDescription : undefined) ?? (imported ? data.importedDescription : undefined) ?? (other ? data.otherDescription : undefined) ?? data.description,
  };
}

/** content/<lang>/index.md is the article; every other page is content/<lang>/<page>.md. */
export function fileNameOf(page: PageKind): string {
  return page === 'article' ? 'index' : page;
}

/** The page a content file name (e.g. "model.md") stands for, or undefined when it is no page's name. */
export function pageOfFileName(fileName: string): PageKind | undefined {
  return PAGE_KINDS.find((page) => `${fileNameOf(page)}.md` === fileName);
}

/** The URL of a page under the site base, always with a trailing slash. */
export function pageUrl(base: string, lang: Lang, page: PageKind): string {
  return page === 'article' ? `${base}${lang}/` : `${base}${lang}/${page}/`;
}

/** Reads language and file name from an entry's file path (e.g. "content/zh/model.md") and checks them against its frontmatter. */
export function parseEntryPath(filePath: string, page: PageKind): { lang: Lang; page: PageKind } {
  const match = /(?:^|\/)(\w+)\/([\w-]+)\.md$/.exec(filePath.replace(/\\/g, '/'));
  const [, lang, name] = match ?? [];
  if (!lang || !name || !(LANGS as readonly string[]).includes(lang)) {
    throw new Error(`${filePath}: content pages live in content/en/ or content/zh/.`);
  }
  if (name !== fileNameOf(page)) {
    throw new Error(`${filePath}: frontmatter says page "${page}", so the file must be content/${lang}/${fileNameOf(page)}.md.`);
  }
  return { lang: lang as Lang, page };
}
