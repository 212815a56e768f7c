// Vanilla gradient (Simonyan et al., 2013): how much each pixel's change would move the score.
import { checkInput, sumChannels } from '../batches';
import type { AttributionMethod } from './types';
import { inputGradients } from './gradients';

/** |∂score/∂pixel|: the magnitude only, as saliency maps are usually shown (summed over a colour pixel's channels). */
export const gradient: AttributionMethod = (net, input) => {
  checkInput('gradient', input, net.input, net.classes);
  return { maps: sumChannels(inputGradients(net, input.images, input.targets).map(Math.abs), net.input.channels) };
};
