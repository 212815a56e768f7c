// How a JSON file that breaks its schema is described, in the pipeline (manifest.json) and the site (every
// artifact): the field's path and what was wrong, in our words rather than the schema library's, so the
// messages stay the same across zod majors ("Required" for a missing field, "Expected number, received
// string" for a wrong type).
import type { z } from 'zod';

/** Parses with the issues' inputs kept, which issueMessage needs to say what was found. */
export function safeParseReporting<T>(schema: z.ZodType<T>, value: unknown): z.ZodSafeParseResult<T> {
  return schema.safeParse(value, { reportInput: true });
}

/** The field an issue is about: dotted path, or (root) for the whole file. */
export function issueField(issue: z.core.$ZodIssue): string {
  return issue.path.map(String).join('.') || '(root)';
}

/** What was wrong, in one short clause. */
export function issueMessage(issue: z.core.$ZodIssue): string {
  const input = (issue as { input?: unknown }).input;
  const missing = input === undefined && (issue.code === 'invalid_type' || issue.code === 'invalid_value');
  if (missing) return 'Required';
  if (issue.code === 'invalid_type') return `Expected ${issue.expected}, received ${kindOf(input)}`;
  if (issue.code === 'invalid_value') return `Invalid enum value. Expected ${issue.values.map(quoted).join(' | ')}, received ${quoted(input)}`;
  return issue.message;
}

const quoted = (value: unknown) => (typeof value === 'string' ? `'${value}'` : JSON.stringify(value));

function kindOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'number' && Number.isNaN(value)) return 'nan';
  return typeof value;
}
