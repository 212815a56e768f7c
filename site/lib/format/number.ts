import { NUMBER_LOCALE, translator, type Lang } from '../i18n';

export const METRIC_FORMATS = ['percent', 'int', 'fixed2', 'seconds'] as const;
export type MetricFormat = (typeof METRIC_FORMATS)[number];

export function formatPercent(value: number, lang: Lang, digits = 2): string {
  return new Intl.NumberFormat(NUMBER_LOCALE[lang], { style: 'percent', minimumFractionDigits: digits, maximumFractionDigits: digits }).format(value);
}

export function formatInt(value: number, lang: Lang): string {
  return new Intl.NumberFormat(NUMBER_LOCALE[lang], { maximumFractionDigits: 0 }).format(Math.round(value));
}

export function formatFixed(value: number, lang: Lang, digits = 2): string {
  return new Intl.NumberFormat(NUMBER_LOCALE[lang], { minimumFractionDigits: digits, maximumFractionDigits: digits }).format(value);
}

/**
 * Short durations keep a decimal ("4.2 s"); longer ones read as "3 min 12 s" / "3 分 12 秒". One spacing rule in
 * both languages: a space between a number and its unit, as the Chinese prose writes "4 秒" (issue #25).
 */
export function formatSeconds(seconds: number, lang: Lang): string {
  const t = translator(lang); // unit names only: no string here names the data's items
  const sep = ' ';
  if (seconds < 10) return `${formatFixed(seconds, lang, 1)}${sep}${t('unit.seconds')}`;
  const whole = Math.round(seconds);
  const minutes = Math.floor(whole / 60);
  const rest = whole % 60;
  const secondsPart = `${rest}${sep}${t('unit.seconds')}`;
  if (minutes === 0) return secondsPart;
  return `${formatInt(minutes, lang)}${sep}${t('unit.minutes')} ${secondsPart}`;
}

/** Up to four significant digits, for numbers like losses and learning rates. */
export function formatDecimal(value: number, lang: Lang): string {
  return new Intl.NumberFormat(NUMBER_LOCALE[lang], { maximumSignificantDigits: 4 }).format(value);
}

/** The format a metric gets when the prose does not name one. */
export function defaultMetricFormat(name: string, value: number): MetricFormat | 'decimal' {
  if (name.includes('accuracy')) return 'percent';
  if (name.endsWith('_seconds')) return 'seconds';
  if (Number.isInteger(value) || name.endsWith('_per_second')) return 'int';
  return 'decimal';
}

export function formatMetric(name: string, value: number, lang: Lang, format?: MetricFormat): string {
  switch (format ?? defaultMetricFormat(name, value)) {
    case 'percent':
      return formatPercent(value, lang);
    case 'int':
      return formatInt(value, lang);
    case 'fixed2':
      return formatFixed(value, lang, 2);
    case 'seconds':
      return formatSeconds(value, lang);
    default:
      return formatDecimal(value, lang);
  }
}
