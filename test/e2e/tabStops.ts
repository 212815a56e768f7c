// Walking a page with the Tab key in the test browser, as a keyboard reader does: which elements take focus,
// in order, from the top of the page until focus leaves the document. Used by ./keyboard.ts.
import type { Page } from 'playwright-core';

/** A short name of the focused element for messages: tag, id or first class, and its accessible-ish label. */
const describeFocus = () => {
  const el = document.activeElement;
  if (!el || el === document.body) return null;
  const label = el.getAttribute('aria-label') ?? el.textContent?.trim().slice(0, 30) ?? '';
  return `${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : el.classList[0] ? `.${el.classList[0]}` : ''} "${label}"`;
};

/**
 * Presses Tab from the top of the page until focus falls back to the body (past the last stop) or comes back to
 * the first stop, and returns the stops met. Every stop is marked with `data-tab-stop` so a later check can ask
 * which controls were never reached. `limit` bounds the walk on a page with too many stops.
 */
export async function walkTabStops(page: Page, limit = 1500): Promise<string[]> {
  await page.evaluate(() => {
    document.querySelectorAll('[data-tab-stop]').forEach((el) => el.removeAttribute('data-tab-stop'));
    (document.activeElement as HTMLElement | null)?.blur?.();
    window.scrollTo(0, 0);
  });
  const stops: string[] = [];
  for (let i = 0; i < limit; i++) {
    await page.keyboard.press('Tab');
    const seen = await page.evaluate(() => {
      const el = document.activeElement;
      if (!el || el === document.body) return 'body';
      if (el.hasAttribute('data-tab-stop')) return 'again';
      el.setAttribute('data-tab-stop', '');
      return null;
    });
    if (seen) break;
    stops.push((await page.evaluate(describeFocus)) ?? '?');
  }
  return stops;
}

/**
 * Visible, enabled controls that the walk never reached and that belong to no reached composite widget
 * (a roving-focus group such as a tile grid or a tab list, or a radio group, whose one Tab stop stands for all).
 */
export async function unreachedControls(page: Page): Promise<string[]> {
  // No named helper functions inside: the test's TypeScript transform would wrap them in a helper the page lacks.
  return page.evaluate(() => {
    const controls = [...document.querySelectorAll<HTMLElement>('a[href], button, input, select, textarea, summary, [tabindex]')]
      .filter((el) => el.checkVisibility() && !(el as HTMLButtonElement).disabled && !el.closest('[inert], dialog:not([open])'))
      .filter((el) => el.matches('a, button, input, select, textarea, summary') || el.tabIndex >= 0);
    const groups = controls.map((el): Element | string | null =>
      el instanceof HTMLInputElement && el.type === 'radio' && el.name ? `radio:${el.name}` : el.closest('[data-roving], [role="tablist"]'));
    const reachedGroups = new Set(groups.filter((g, i) => g !== null && controls[i].hasAttribute('data-tab-stop')));
    return controls
      .filter((el, i) => !el.hasAttribute('data-tab-stop') && (groups[i] === null || !reachedGroups.has(groups[i])))
      .map((el) => `${el.tagName.toLowerCase()}${el.classList[0] ? `.${el.classList[0]}` : ''} "${(el.getAttribute('aria-label') ?? el.textContent ?? '').trim().slice(0, 40)}"`);
  });
}
