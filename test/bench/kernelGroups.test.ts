import { describe, expect, it } from 'vitest';
import { groupKernels, isCustomGradientScope } from '../../bench/kernelGroups';
import { CONV_BIAS_RELU, RELU_GRAD } from '../../pipeline/backend/onednn/convBiasRelu';
import { DROPOUT_MASK } from '../../pipeline/backend/onednn/onednnKernels';

describe('groupKernels', () => {
  it('sums convolutions, pooling, dense and everything else, each with its share of the kernel sum', () => {
    const groups = groupKernels([
      { kernel: 'Conv2DBackpropFilter', ms: 3, calls: 3 },
      { kernel: 'FusedConv2D', ms: 2, calls: 3 },
      { kernel: 'MaxPoolGrad', ms: 1, calls: 2 },
      { kernel: 'BatchMatMul', ms: 2, calls: 6 },
      { kernel: 'Add', ms: 1.5, calls: 40 },
      { kernel: 'Relu', ms: 0.5, calls: 4 },
    ]);
    expect(groups).toEqual([
      { group: 'convolutions', ms: 5, calls: 6, share: 0.5 },
      { group: 'pooling', ms: 1, calls: 2, share: 0.1 },
      { group: 'dense', ms: 2, calls: 6, share: 0.2 },
      { group: 'elementwise', ms: 2, calls: 44, share: 0.2 },
    ]);
  });

  it('counts our fused training convolution with the convolutions, and the ReLU gradient and dropout masks as elementwise', () => {
    const groups = groupKernels([
      { kernel: CONV_BIAS_RELU, ms: 4, calls: 3 },
      { kernel: RELU_GRAD, ms: 1, calls: 3 },
      { kernel: DROPOUT_MASK, ms: 1, calls: 3 },
    ]);
    expect(groups.map((g) => [g.group, g.ms])).toEqual([['convolutions', 4], ['pooling', 0], ['dense', 0], ['elementwise', 2]]);
  });

  it('leaves out custom-gradient ops, whose time is that of kernels listed on their own', () => {
    expect(isCustomGradientScope('softmaxCrossEntropy__op')).toBe(true);
    expect(isCustomGradientScope('Softmax')).toBe(false);
    const groups = groupKernels([
      { kernel: 'Exp', ms: 1, calls: 1 },
      { kernel: 'softmaxCrossEntropy__op', ms: 1, calls: 1 },
    ]);
    expect(groups.find((g) => g.group === 'elementwise')).toEqual({ group: 'elementwise', ms: 1, calls: 1, share: 1 });
  });

  it('gives zero shares, not NaN, when no kernel took measurable time', () => {
    expect(groupKernels([]).map((g) => g.share)).toEqual([0, 0, 0, 0]);
  });
});
