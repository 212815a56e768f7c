// Vanilla gradient (Simonyan et al., 2013): how much each pixel's change would move the score.
import { checkInput } from '../batches';
import type { AttributionMethod } from './types';
import { inputGradients } from './gradients';

/** |∂score/∂pixel|: the magnitude only, as saliency maps are usually shown. */
export const gradient: AttributionMethod = (net, input) => {
  checkInput('gradient', input);
  return { maps: inputGradients(net, input.images, input.targets).map(Math.abs) };
};
