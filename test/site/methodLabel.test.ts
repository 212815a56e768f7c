import { describe, expect, it } from 'vitest';
import { methodLabel } from '../../site/lib/directives/methodLabel';
import { translator } from '../../site/lib/i18n';

describe('methodLabel', () => {
  it('names the Grad-CAM layer of any model, in both languages, as the tutorial’s labels read', () => {
    expect(methodLabel('grad-cam:conv2d_1', translator('en'))).toBe('Grad-CAM at conv2d_1');
    expect(methodLabel('grad-cam:block2_conv', translator('en'))).toBe('Grad-CAM at block2_conv');
    expect(methodLabel('grad-cam:block2_conv', translator('zh'))).toBe('Grad-CAM（block2_conv）');
  });

  it('gives the other methods their own names', () => {
    expect(methodLabel('integrated-gradients', translator('en'))).toBe('Integrated Gradients');
    expect(methodLabel('occlusion', translator('zh'))).toBe('遮挡');
  });
});
