import { installKernel, requirePrevious, type AnyKernel } from './kernelRegistry';
import { makeChannelSumWasm } from './kernels/channelSum';
import { conv2dBackpropFilterWasm } from './kernels/conv2dBackpropFilter';
import { makeConv2dBackpropInputWasm } from './kernels/conv2dBackpropInput';
import { maxPoolGradWasm } from './kernels/maxPoolGrad';
import { makeSameDtypeCast, sharedIdentityWasm } from './kernels/sharedIdentity';

const MARKER = 'wasm-grad';

/**
 * Registers our kernels for the wasm backend: Conv2DBackpropFilter (missing in
 * tfjs-backend-wasm 4.22), Conv2DBackpropInput (the stock one is a scalar loop), MaxPoolGrad,
 * Sum (per-channel sums for bias gradients without a transpose), Identity and same-dtype Cast
 * (no copy). Each
 * defers to the stock kernel, or an exact loop, where it has no fast path. Idempotent.
 * Returns the kernel names now served by our code.
 */
export function registerWasmGradKernels(): string[] {
  const install = (name: string, make: Parameters<typeof installKernel>[2]) => installKernel(name, MARKER, make);
  install('Conv2DBackpropFilter', () => conv2dBackpropFilterWasm);
  install('Conv2DBackpropInput', (stock) => makeConv2dBackpropInputWasm(requirePrevious('Conv2DBackpropInput', stock)));
  install('MaxPoolGrad', () => maxPoolGradWasm);
  install('Sum', (stock) => makeChannelSumWasm(requirePrevious('Sum', stock)));
  install('Identity', () => sharedIdentityWasm as AnyKernel);
  install('Cast', (stock) => makeSameDtypeCast(requirePrevious('Cast', stock)));
  return ['Conv2DBackpropFilter', 'Conv2DBackpropInput', 'MaxPoolGrad', 'Sum', 'Identity', 'Cast'];
}
