import { defineCollection } from 'astro:content';
import { glob } from 'astro/loaders';
import { pageFrontmatterSchema } from './lib/content/pages';

// content/en/*.md and content/zh/*.md at the project root (outside srcDir). CONTENT_DIR points the build
// at another folder with the same layout (used by tests that need broken content).
const pages = defineCollection({
  // ids keep the file name ("en/index", not "en"), so each file has its own id.
  loader: glob({ pattern: '{en,zh}/*.md', base: process.env.CONTENT_DIR || './content', generateId: ({ entry }) => entry.replace(/\.md$/, '') }),
  schema: pageFrontmatterSchema,
});

export const collections = { pages };
