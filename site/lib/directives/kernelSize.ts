import { describedLayer, type ModelDescription } from '../../../pipeline/model/description';
import { DirectiveUsageError } from './context';

/** A convolution's kernel size as the prose writes it ("3×3"), from the manifest's model description. */
export function kernelSizeText(model: ModelDescription, layer: string): string {
  const described = describedLayer(model, layer);
  if (!described.kernelSize) throw new DirectiveUsageError(`layer "${layer}" (${described.type}) has no kernel size in the manifest's model description; it must be a Conv2D`);
  return `${described.kernelSize[0]}×${described.kernelSize[1]}`;
}
