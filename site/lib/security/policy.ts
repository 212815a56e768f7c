// The security policy the site ships with and is tested under, defined once: the build writes it into
// dist/_headers and every page's <meta http-equiv>, and the browser test serves and checks exactly this.
// Plain TypeScript with no Node or Astro imports, so the layouts, the build and the tests can all import it.

/** Nothing from another origin, no eval, no inline script or style (issue #10). Order is the header's order. */
export const CSP_DIRECTIVES: ReadonlyArray<readonly [string, string]> = [
  ['default-src', "'self'"],
  ['script-src', "'self'"],
  ['style-src', "'self'"],
  ['img-src', "'self' data: blob:"],
  ['font-src', "'self'"],
  ['connect-src', "'self'"],
  ['worker-src', "'self' blob:"],
  ['object-src', "'none'"],
  ['base-uri', "'self'"],
  ['form-action', "'self'"],
  ['frame-ancestors', "'none'"],
];

/** Directives a <meta> policy may not carry: browsers ignore them there (and log a warning). */
const HEADER_ONLY = new Set(['frame-ancestors', 'report-uri', 'sandbox']);

function serialize(directives: ReadonlyArray<readonly [string, string]>): string {
  return directives.map(([name, value]) => `${name} ${value}`).join('; ');
}

/** The Content-Security-Policy header value. */
export const CONTENT_SECURITY_POLICY = serialize(CSP_DIRECTIVES);

/** The same policy for `<meta http-equiv="Content-Security-Policy">`, for hosts that cannot set headers. */
export const META_CONTENT_SECURITY_POLICY = serialize(CSP_DIRECTIVES.filter(([name]) => !HEADER_ONLY.has(name)));

/** Browser features the report never uses, all denied. Only names Chromium knows: an unknown one logs a console error. */
const DENIED_FEATURES = [
  'accelerometer', 'autoplay', 'camera', 'display-capture', 'encrypted-media', 'geolocation', 'gyroscope',
  'magnetometer', 'microphone', 'midi', 'payment', 'publickey-credentials-get', 'screen-wake-lock', 'serial', 'usb',
];

/** Every response header the site asks its host to send. */
export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'Content-Security-Policy': CONTENT_SECURITY_POLICY,
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'Permissions-Policy': DENIED_FEATURES.map((feature) => `${feature}=()`).join(', '),
};

/** dist/_headers in the format Netlify and Cloudflare Pages read: a path pattern, then indented `Name: value` lines. */
export function headersFile(headers: Readonly<Record<string, string>> = SECURITY_HEADERS): string {
  const lines = Object.entries(headers).map(([name, value]) => `  ${name}: ${value}`);
  return ['# Security headers for every file (written by the build from site/lib/security/policy.ts).', '/*', ...lines, ''].join('\n');
}
