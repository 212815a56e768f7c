// What the timelapse figure needs per epoch, in the page's language: image URLs, alt texts and the
// value the slider announces. Built at render time, embedded as JSON for site/scripts/timelapse.ts.
import type { TimelapseIndex } from '../../../pipeline/explain/timelapse/timelapseIndex';
import { formatPercent } from '../format/number';
import { NUMBER_LOCALE } from '../i18n';
import { artifactUrl, type DirectiveContext } from './context';

export interface TimelapseFrameView {
  epoch: number;
  kernels: string;
  maps: string;
  kernelsAlt: string;
  mapsAlt: string;
  /** The slider's aria-valuetext, also shown beside it. */
  value: string;
}

export interface TimelapseData {
  /** Index into `frames` shown first (and without JavaScript). */
  initial: number;
  frames: TimelapseFrameView[];
}

/** "0, 1, 3 and 12" / "0、1、3 和 12". */
export function epochList(epochs: readonly number[], lang: DirectiveContext['lang']): string {
  return new Intl.ListFormat(NUMBER_LOCALE[lang], { type: 'conjunction' }).format(epochs.map(String));
}

export function timelapseData(index: TimelapseIndex, initial: number, { t, lang, base }: Pick<DirectiveContext, 't' | 'lang' | 'base'>): TimelapseData {
  const last = index.epochs.at(-1)?.epoch ?? 0;
  const names = { layer: index.layer, sample: index.sample, count: index.channels };
  const frames = index.epochs.map((e) => {
    const when = e.epoch === 0 ? t('timelapse.before') : t('timelapse.after', { epoch: e.epoch });
    const notes = [e.epoch === index.keptEpoch ? t('timelapse.valueKept') : '', e.epoch === index.stopEpoch ? t('timelapse.valueStop') : ''].filter(Boolean);
    const value = e.valAccuracy === null
      ? t('timelapse.valueStart', { last })
      : t('timelapse.value', { epoch: e.epoch, last, accuracy: formatPercent(e.valAccuracy, lang) });
    return {
      epoch: e.epoch,
      kernels: artifactUrl(base, e.kernels.path),
      maps: artifactUrl(base, e.maps.path),
      kernelsAlt: t('timelapse.kernelsAlt', { ...names, when }),
      mapsAlt: t('timelapse.mapsAlt', { ...names, when }),
      value: [value, ...notes].join(lang === 'zh' ? '；' : '; '),
    };
  });
  return { initial, frames };
}
