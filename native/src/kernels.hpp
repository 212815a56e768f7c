// Kernels on caller-owned float32 buffers in TF.js layouts: activations NHWC, filters HWIO
// ([KH, KW, CI, CO]). Nothing is copied: the kernels read and write the buffers in place.
// kernels.cc runs oneDNN primitives; loops.cc holds the plain loops.
#pragma once
#include <cstdint>

namespace kernels {

/** Convolution geometry as TF.js computes it (computeConv2DInfo): sizes, strides, explicit padding, dilations ≥ 1. */
struct Conv {
  int32_t n, ih, iw, ic, kh, kw, oc, oh, ow, sh, sw, pt, pl, pb, pr, dh, dw;
};
constexpr int kConvFields = 17;
static_assert(sizeof(Conv) == kConvFields * sizeof(int32_t), "Conv is read as an int32 array");

/** Pooling geometry (computePool2DInfo): sizes, window, strides, explicit padding. */
struct Pool {
  int32_t n, ih, iw, c, kh, kw, oh, ow, sh, sw, pt, pl, pb, pr;
};
constexpr int kPoolFields = 14;
static_assert(sizeof(Pool) == kPoolFields * sizeof(int32_t), "Pool is read as an int32 array");

/** y = x ⊛ w (+ bias) (then ReLU). `bias` may be null. */
void conv_forward(const Conv &s, const float *x, const float *w, const float *bias, float *y, bool relu);
/** dx from dy and w. */
void conv_backward_data(const Conv &s, const float *dy, const float *w, float *dx);
/** dw from x and dy. */
void conv_backward_weights(const Conv &s, const float *x, const float *dy, float *dw);
/** Max pooling, padding ignored (never the maximum). */
void max_pool(const Pool &s, const float *x, float *y);
/** Gradient of max pooling: dy goes to the first maximum of each window in x (a plain loop: see loops.cc). */
void max_pool_grad(const Pool &s, const float *x, const float *dy, float *dx);

/** For each of `batch` matrices, c = op(a) · op(b), with op(a) [m, k], op(b) [k, n], c [m, n]; row-major, `transpose_*` as TF.js's BatchMatMul. */
void batch_matmul(int64_t batch, int64_t m, int64_t n, int64_t k, bool transpose_a, bool transpose_b, const float *a,
                  const float *b, float *c);

/**
 * TF.js's dropout multiplier, floor(u + keep) / keep, for `size` values u drawn from seedrandom's
 * Alea generator whose state (c, s0, s1, s2) is `state`, advanced in place (a plain loop: see loops.cc).
 */
void dropout_mask(int64_t size, double *state, float keep, float *mask);

/** y[r, c] = y[r, c] + bias[c] (bias may be null), then max(·, 0) when `relu`, in place (a plain loop: see loops.cc). */
void bias_relu(int64_t rows, int32_t channels, const float *bias, bool relu, float *y);

/** dx = dy · step(y), ReLU's gradient from its output y (a plain loop: see loops.cc). */
void relu_grad(int64_t size, const float *dy, const float *y, float *dx);

/** out[c] = Σ_r x[r, c]: a bias gradient (a plain loop: see loops.cc). */
void channel_sum(int32_t rows, int32_t channels, const float *x, float *out);

/** Adam's per-step float32 constants, computed once in JS (pipeline/train/parallelAdam.ts adamCoefficients). */
struct AdamCoefficients {
  float beta1, beta2, oneMinusBeta1, oneMinusBeta2, epsilon, negLearningRate, correction1, correction2;
};
constexpr int kAdamFields = 8;
static_assert(sizeof(AdamCoefficients) == kAdamFields * sizeof(float), "AdamCoefficients is read as a float array");

/** One Adam update of `size` parameters in place (weights, first and second moments), bit-identical to the JS loop. */
void adam_step(int64_t size, float *weights, const float *gradients, float *m, float *v, const AdamCoefficients &k);

/** Sets oneDNN's thread count for the calling thread; false when the runtime has no per-thread setting. */
bool set_threads(int threads);
/** "OpenMP", "TBB", "threadpool" or "sequential". */
const char *threading_runtime();

}  // namespace kernels
