// Stands in for vega-lite in the browser bundle: charts are compiled to Vega at build time, so
// vega-embed (mode "vega") never calls vega-lite, and readers skip ~250 kB of JavaScript.
export const version = 'not bundled (specs are compiled at build time)';
