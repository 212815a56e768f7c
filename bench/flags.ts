/**
 * Command-line flags declared once: name, type, default and help. The parser and the --help
 * text are both derived from this table, so they cannot disagree.
 */
export type FlagType = 'string' | 'integer' | 'boolean';

export interface FlagSpec {
  type: FlagType;
  default: string | number | boolean;
  help: string;
  /** Allowed values for a string flag. */
  choices?: readonly string[];
  /** Smallest allowed value for an integer flag. */
  min?: number;
}

export type FlagValues<T extends Record<string, FlagSpec>> = {
  [K in keyof T]: T[K]['type'] extends 'integer' ? number : T[K]['type'] extends 'boolean' ? boolean : string;
};

export function parseFlags<T extends Record<string, FlagSpec>>(specs: T, argv: string[]): FlagValues<T> & { help: boolean } {
  const values: Record<string, unknown> = { help: false };
  for (const [name, spec] of Object.entries(specs)) values[name] = spec.default;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--help' || arg === '-h') {
      values.help = true;
      continue;
    }
    if (!arg.startsWith('--')) throw new Error(`Unexpected argument "${arg}": flags look like --name value. See --help.`);
    const [name, inline] = arg.slice(2).split(/=(.*)/s, 2);
    const spec = specs[name];
    if (spec == null) throw new Error(`Unknown flag --${name}. Known flags: ${Object.keys(specs).map((k) => `--${k}`).join(', ')}.`);
    if (spec.type === 'boolean') {
      values[name] = inline === undefined ? true : parseBoolean(name, inline);
      continue;
    }
    const raw = inline ?? argv[++i];
    if (raw === undefined) throw new Error(`Flag --${name} needs a value (${describeType(spec)}).`);
    values[name] = spec.type === 'integer' ? parseInteger(name, raw, spec) : parseString(name, raw, spec);
  }
  return values as FlagValues<T> & { help: boolean };
}

export function helpText(usage: string, specs: Record<string, FlagSpec>): string {
  const rows = Object.entries(specs).map(([name, spec]) => {
    const left = `  --${name} <${describeType(spec)}>`.replace(' <boolean>', '');
    return `${left.padEnd(40)} ${spec.help} (default: ${String(spec.default)})`;
  });
  return [usage, '', 'Flags:', ...rows, `${'  --help'.padEnd(40)} show this text`].join('\n');
}

function describeType(spec: FlagSpec): string {
  if (spec.choices) return spec.choices.join('|');
  return spec.type === 'integer' ? 'int' : spec.type;
}

function parseInteger(name: string, raw: string, spec: FlagSpec): number {
  const value = Number(raw);
  if (!Number.isInteger(value) || (spec.min !== undefined && value < spec.min)) {
    throw new Error(`Flag --${name} expects an integer${spec.min !== undefined ? ` ≥ ${spec.min}` : ''}, got "${raw}".`);
  }
  return value;
}

function parseString(name: string, raw: string, spec: FlagSpec): string {
  if (spec.choices && !spec.choices.includes(raw)) {
    throw new Error(`Flag --${name} expects one of ${spec.choices.join(', ')}, got "${raw}".`);
  }
  return raw;
}

function parseBoolean(name: string, raw: string): boolean {
  if (raw === 'true') return true;
  if (raw === 'false') return false;
  throw new Error(`Flag --${name} expects true or false, got "${raw}".`);
}
