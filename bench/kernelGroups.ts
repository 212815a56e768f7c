import { CONV_BIAS_RELU } from '../pipeline/backend/onednn/convBiasRelu';
import type { KernelCost } from './kernelProfile';

export type KernelGroupName = 'convolutions' | 'pooling' | 'dense' | 'elementwise';

export interface KernelGroup {
  group: KernelGroupName;
  ms: number;
  calls: number;
  /** Of the kernel sum (all groups). */
  share: number;
}

const GROUP_OF: Record<string, KernelGroupName> = {
  Conv2D: 'convolutions',
  FusedConv2D: 'convolutions',
  [CONV_BIAS_RELU]: 'convolutions',
  Conv2DBackpropInput: 'convolutions',
  Conv2DBackpropFilter: 'convolutions',
  MaxPool: 'pooling',
  MaxPoolGrad: 'pooling',
  AvgPool: 'pooling',
  AvgPoolGrad: 'pooling',
  BatchMatMul: 'dense',
  _FusedMatMul: 'dense',
};

const ORDER: KernelGroupName[] = ['convolutions', 'pooling', 'dense', 'elementwise'];

/**
 * tf.profile also lists each custom-gradient op (named `…__op`) as an entry whose time includes
 * the kernels it runs, which are listed too: summing it would count those kernels twice.
 */
export function isCustomGradientScope(name: string): boolean {
  return name.endsWith('__op');
}

/** Kernel time by kind, in a fixed order; everything that is not a convolution, pooling or matmul is elementwise. */
export function groupKernels(kernels: KernelCost[]): KernelGroup[] {
  const counted = kernels.filter((k) => !isCustomGradientScope(k.kernel));
  const total = counted.reduce((s, k) => s + k.ms, 0);
  return ORDER.map((group) => {
    const members = counted.filter((k) => (GROUP_OF[k.kernel] ?? 'elementwise') === group);
    const ms = members.reduce((s, k) => s + k.ms, 0);
    return { group, ms, calls: members.reduce((s, k) => s + k.calls, 0), share: total > 0 ? ms / total : 0 };
  });
}
