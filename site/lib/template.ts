/** Fills `{name}` placeholders; unknown names stay as written. Used by the dictionaries and the page scripts alike. */
export function fillTemplate(template: string, vars: Record<string, string | number> = {}): string {
  return template.replace(/\{(\w+)\}/g, (whole, key: string) => (key in vars ? String(vars[key]) : whole));
}
