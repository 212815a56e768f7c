// The channel dictionary (site/lib/directives/channelDictionary.ts): one tab per layer, following the
// ARIA tabs pattern (arrow keys, Home, End), and landing on an entry from a link such as
// #conv2d_1-17 (a gallery tile's zoom links there): its tab is selected, the entry opened and highlighted.

import { rovingTarget } from '../lib/keyboard/roving';

type SelectPanel = (panelId: string) => void;

function setUpTabs(doc: Document, root: HTMLElement): SelectPanel {
  const tablist = root.querySelector<HTMLElement>('[role="tablist"]');
  const tabs = tablist ? [...tablist.querySelectorAll<HTMLButtonElement>('[role="tab"]')] : [];
  const panels = tabs.map((tab) => doc.getElementById(tab.getAttribute('aria-controls') ?? ''));
  if (!tablist || tabs.length === 0 || panels.some((p) => !p)) return () => {};
  panels.forEach((panel, k) => {
    panel?.setAttribute('role', 'tabpanel');
    panel?.setAttribute('aria-labelledby', tabs[k].id);
  });
  const select = (k: number, focus: boolean) => {
    tabs.forEach((tab, i) => {
      tab.setAttribute('aria-selected', String(i === k));
      tab.tabIndex = i === k ? 0 : -1;
      (panels[i] as HTMLElement).hidden = i !== k;
    });
    if (focus) tabs[k].focus();
  };
  tabs.forEach((tab, k) => tab.addEventListener('click', () => select(k, false)));
  tablist.addEventListener('keydown', (event) => {
    const next = rovingTarget(event.key, tabs.indexOf(event.target as HTMLButtonElement), { count: tabs.length, wrap: true });
    if (next === null) return;
    event.preventDefault();
    select(next, true);
  });
  tablist.hidden = false;
  select(0, false);
  return (panelId) => {
    const k = panels.findIndex((p) => p?.id === panelId);
    if (k >= 0) select(k, false);
  };
}

/** Opens the entry the URL's fragment names, on its tab, and marks it. */
function landOnEntry(doc: Document, selectors: SelectPanel[]): void {
  const id = decodeURIComponent(doc.location.hash.slice(1));
  const entry = id ? doc.getElementById(id) : null;
  if (!(entry instanceof HTMLDetailsElement) || !entry.classList.contains('channel-entry')) return;
  const panel = entry.closest<HTMLElement>('.dictionary-panel');
  if (panel) selectors.forEach((select) => select(panel.id));
  doc.querySelectorAll('.channel-entry.is-target').forEach((e) => e.classList.remove('is-target'));
  entry.open = true;
  entry.classList.add('is-target');
  entry.querySelector('summary')?.focus({ preventScroll: true });
  entry.scrollIntoView({ block: 'center' });
}

export function enhanceDictionary(doc: Document): void {
  const selectors = [...doc.querySelectorAll<HTMLElement>('[data-dictionary]')].map((root) => setUpTabs(doc, root));
  if (selectors.length === 0) return;
  landOnEntry(doc, selectors);
  doc.defaultView?.addEventListener('hashchange', () => landOnEntry(doc, selectors));
}
