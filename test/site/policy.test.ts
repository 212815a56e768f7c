import { describe, expect, it } from 'vitest';
import { CONTENT_SECURITY_POLICY, headersFile, META_CONTENT_SECURITY_POLICY, SECURITY_HEADERS } from '../../site/lib/security/policy';

// The policy exactly as issue #10 states it: the site must work under it, unchanged.
const ISSUE_POLICY =
  "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data: blob:; font-src 'self'; connect-src 'self'; " +
  "worker-src 'self' blob:; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

describe('the content security policy', () => {
  it('is exactly the strict policy of issue #10', () => {
    expect(CONTENT_SECURITY_POLICY).toBe(ISSUE_POLICY);
  });

  it('leaves frame-ancestors out of the meta tag, which cannot carry it, and keeps every other directive', () => {
    expect(META_CONTENT_SECURITY_POLICY).toBe(ISSUE_POLICY.replace("; frame-ancestors 'none'", ''));
  });

  it('asks for nosniff, no referrer and denied browser features alongside the policy', () => {
    expect(SECURITY_HEADERS).toMatchObject({ 'Content-Security-Policy': ISSUE_POLICY, 'X-Content-Type-Options': 'nosniff', 'Referrer-Policy': 'no-referrer' });
    expect(SECURITY_HEADERS['Permissions-Policy']).toMatch(/^(?:[a-z-]+=\(\)(?:, |$))+$/);
    expect(SECURITY_HEADERS['Permissions-Policy']).toContain('camera=()');
  });

  it('writes _headers as one rule for every path with indented header lines', () => {
    const lines = headersFile({ 'X-A': '1', 'X-B': 'two words' }).split('\n').filter((l) => l && !l.startsWith('#'));
    expect(lines).toEqual(['/*', '  X-A: 1', '  X-B: two words']);
  });
});
