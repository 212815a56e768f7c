import type { OnednnAddon } from '../backend/onednn/loadOnednn';
import type { ApplyLayer } from '../model/logits';
import { fusedConvApply } from './fusedConvApply';
import { nativeDropoutApply } from './nativeDropout';

/**
 * How a training step applies the model's layers: Conv2D with bias and ReLU as one kernel and
 * Dropout's masks in native code where the oneDNN addon is loaded (same results, issue #24),
 * every other layer by itself.
 */
export function trainingApply(addon: Pick<OnednnAddon, 'dropoutMask'> | null): ApplyLayer {
  return fusedConvApply(nativeDropoutApply(addon));
}
