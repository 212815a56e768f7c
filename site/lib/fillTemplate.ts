// `{name}` placeholders filled from vars; unknown names stay as written. Its own module so browser
// scripts can use it without pulling in the dictionaries (site/lib/i18n.ts re-exports it).
export function fillTemplate(template: string, vars: Record<string, string | number> = {}): string {
  return template.replace(/\{(\w+)\}/g, (whole, key: string) => (key in vars ? String(vars[key]) : whole));
}
