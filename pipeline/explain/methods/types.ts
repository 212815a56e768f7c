// The shape every attribution method shares (Captum's layout): a method takes the network, the
// images and one target class per image, and returns one map per image with the input's shape
// (n × height × width, row-major; a colour image's channels summed). Methods with a built-in check return it per image beside the maps.
import type { AttributionInput } from '../batches';
import type { LogitNet } from '../logitNet';

export interface Attribution {
  maps: Float32Array; // n × height × width
  /** Integrated Gradients: completeness error per image (completenessError in integratedGradients.ts). */
  completeness?: Float32Array;
  /** Integrated Gradients: integration steps used per image. */
  steps?: Int32Array;
}

export type AttributionMethod = (net: LogitNet, input: AttributionInput) => Attribution;
