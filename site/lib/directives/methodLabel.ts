import type { Translate } from '../i18n';
import type { UiKey } from '../../i18n/en';

/** An attribution map's name for the page: a Grad-CAM map names its layer (`grad-cam:<layer>`), whatever the model calls it. */
export function methodLabel(id: string, t: Translate): string {
  if (id.startsWith('grad-cam:')) return t('method.grad-cam', { layer: id.slice('grad-cam:'.length) });
  return t(`method.${id}` as UiKey);
}
