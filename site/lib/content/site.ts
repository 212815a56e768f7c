import type { UiKey } from '../../i18n/en';
import type { ItemNoun } from '../../../shared/data/classes';
import { HTML_LANG, LANGS, otherLang, translator, type Lang } from '../i18n';
import { PAGE_KINDS, pageUrl, type PageKind } from './pages';

export interface NavItem {
  page: PageKind;
  href: string;
  label: string;
  current: boolean;
}

export interface Alternate {
  lang: Lang;
  hreflang: string;
  href: string;
}

/** A page as the layout needs it: computed from a content entry, with no Astro in sight. */
export interface PageModel {
  lang: Lang;
  /** What one item of the data is called (manifest.data.classes.noun), for the layout's strings. */
  noun: ItemNoun;
  htmlLang: string;
  page: PageKind;
  title: string;
  description: string;
  nav: NavItem[];
  alternates: Alternate[];
  switchTo: Alternate;
}

const NAV_KEY: Record<PageKind, UiKey> = {
  article: 'nav.article', explore: 'nav.explore', model: 'nav.model', training: 'nav.training', errors: 'nav.errors', explanations: 'nav.explanations', channels: 'nav.channels', about: 'nav.about',
};

/** `pages` lists the pages that exist in this language with their `order` (nav follows `order`). */
export function pageModel(
  base: string,
  lang: Lang,
  page: PageKind,
  frontmatter: { title: string; description: string },
  pages: { page: PageKind; order: number }[],
  noun: ItemNoun,
): PageModel {
  const t = translator(lang, noun);
  const nav = [...pages]
    .sort((a, b) => a.order - b.order || PAGE_KINDS.indexOf(a.page) - PAGE_KINDS.indexOf(b.page))
    .map((p) => ({ page: p.page, href: pageUrl(base, lang, p.page), label: t(NAV_KEY[p.page]), current: p.page === page }));
  const alternates = LANGS.map((l) => ({ lang: l, hreflang: HTML_LANG[l], href: pageUrl(base, l, page) }));
  const other = otherLang(lang);
  return {
    lang, noun, htmlLang: HTML_LANG[lang], page, title: frontmatter.title, description: frontmatter.description, nav, alternates,
    switchTo: alternates.find((a) => a.lang === other) as Alternate,
  };
}

/** Absolute URL when the site URL is known (canonical and hreflang links prefer absolute URLs). */
export function absoluteUrl(site: URL | undefined, href: string): string {
  return site ? new URL(href, site).href : href;
}

/**
 * Whether a page shows the live explorer now, so its script must load with the page. An explorer
 * inside a <template> (the article's "draw your own") loads its script on first use instead.
 */
export function hasLiveExplorer(html: string): boolean {
  return html.replace(/<template[\s\S]*?<\/template>/g, '').includes('data-explorer');
}
