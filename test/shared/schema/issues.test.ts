import { z } from 'zod';
import { describe, expect, it } from 'vitest';
import { issueField, issueMessage, safeParseReporting } from '../../../shared/schema/issues';

const schema = z.object({ count: z.number(), kind: z.enum(['mnist', 'fashion-mnist']), items: z.array(z.object({ name: z.string() })) });
const problems = (value: unknown) => {
  const result = safeParseReporting(schema, value);
  return result.success ? [] : result.error.issues.map((issue) => `${issueField(issue)}: ${issueMessage(issue)}`);
};

describe('schema issues', () => {
  it('say Required for a missing field, whatever its type', () => {
    expect(problems({ items: [] })).toEqual(['count: Required', 'kind: Required']);
  });

  it('say what type was expected and what was found, null and arrays by name', () => {
    expect(problems({ count: 'seven', kind: 'mnist', items: [{ name: null }] })).toEqual(['count: Expected number, received string', 'items.0.name: Expected string, received null']);
    expect(problems({ count: [], kind: 'mnist', items: [] })).toEqual(['count: Expected number, received array']);
  });

  it('list the allowed values of an enum and the one found', () => {
    expect(problems({ count: 1, kind: 'cifar', items: [] })).toEqual(["kind: Invalid enum value. Expected 'mnist' | 'fashion-mnist', received 'cifar'"]);
  });

  it('name the root when the whole file is of the wrong type', () => {
    expect(problems(null)).toEqual(['(root): Expected object, received null']);
  });
});
