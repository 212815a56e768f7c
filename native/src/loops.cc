// Kernels written as plain loops rather than oneDNN primitives: oneDNN either has no primitive
// for them or a slower one for these shapes (each function says which). Single-threaded: every
// training worker is one thread.
#include <algorithm>
#include <cmath>
#include <cstring>
#include <limits>
#include <vector>

#include "kernels.hpp"

// GCC notes that 32-byte vector arguments change the ABI without AVX; the helpers taking them
// are internal and inlined, so no call crosses that boundary.
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic ignored "-Wpsabi"
#endif

namespace kernels {
namespace {

// Eight channels at a time in GCC/Clang vector types, written out because GCC does not
// vectorize these compare-and-select chains itself (under its default -ftrapping-math it may
// not if-convert float comparisons). A comparison gives a lane mask of all ones or zeros; the
// last block of a pixel may hold fewer than eight channels. Where the compiler can (GCC or
// Clang on x86-64 Linux), the pooling loops are also built for AVX2, picked at load time:
// one instruction per eight lanes instead of two SSE2 halves.
using F8 = float __attribute__((vector_size(32)));
using I8 = int32_t __attribute__((vector_size(32)));
constexpr int kLanes = 8;
#if defined(__x86_64__) && defined(__linux__) && (defined(__clang__) ? __clang_major__ >= 14 : __GNUC__ >= 6)
#define AVX2_CLONE __attribute__((target_clones("avx2", "default")))
#else
#define AVX2_CLONE
#endif
constexpr float kMinusInf = -std::numeric_limits<float>::infinity();

// Fixed-size copies for full blocks compile to single vector loads and stores.
inline F8 load(const float *p, int64_t n) {
  F8 v = {kMinusInf, kMinusInf, kMinusInf, kMinusInf, kMinusInf, kMinusInf, kMinusInf, kMinusInf};
  if (n == kLanes) {
    std::memcpy(&v, p, sizeof v);
  } else {
    std::memcpy(&v, p, n * sizeof(float));
  }
  return v;
}
inline void store(float *p, F8 v, int64_t n) {
  if (n == kLanes) {
    std::memcpy(p, &v, sizeof v);
  } else {
    std::memcpy(p, &v, n * sizeof(float));
  }
}
inline F8 select(I8 mask, F8 yes, F8 no) { return (F8)((mask & (I8)yes) | (~mask & (I8)no)); }
/** `g` where `mask` is set, else +0. */
inline F8 only(I8 mask, F8 g) { return (F8)(mask & (I8)g); }

/**
 * The model's pools: 2×2 windows, stride 2, no top or left padding, none hanging over the
 * bottom or right edge. Windows do not overlap, so each covered input cell is written once
 * (its gradient or 0) and only the rows and columns no window covers need zeroing.
 */
bool tiled_2x2(const Pool &s) {
  return s.kh == 2 && s.kw == 2 && s.sh == 2 && s.sw == 2 && s.pt == 0 && s.pl == 0 && 2 * s.oh <= s.ih &&
         2 * s.ow <= s.iw;
}

AVX2_CLONE void max_pool_grad_tiled_2x2(const Pool &s, const float *x, const float *dy, float *dx) {
  const int64_t C = s.c, row = int64_t{s.iw} * C, image = int64_t{s.ih} * row;
  const F8 minusInf = {kMinusInf, kMinusInf, kMinusInf, kMinusInf, kMinusInf, kMinusInf, kMinusInf, kMinusInf};
  for (int64_t b = 0; b < s.n; b++) {
    const int64_t base = b * image;
    for (int64_t oy = 0; oy < s.oh; oy++) {
      for (int64_t ox = 0; ox < s.ow; ox++) {
        const int64_t i0 = base + 2 * oy * row + 2 * ox * C, i1 = i0 + C, i2 = i0 + row, i3 = i2 + C;
        const float *g = dy + ((b * s.oh + oy) * s.ow + ox) * C;
        for (int64_t c = 0; c < C; c += kLanes) {
          const int64_t n = std::min<int64_t>(kLanes, C - c);
          const F8 v0 = load(x + i0 + c, n), v1 = load(x + i1 + c, n), v2 = load(x + i2 + c, n),
                   v3 = load(x + i3 + c, n), gc = load(g + c, n);
          // Cell k wins when it beats the running maximum and no later cell beats it in turn.
          const I8 up0 = v0 > minusInf;
          F8 best = select(up0, v0, minusInf);
          const I8 up1 = v1 > best;
          best = select(up1, v1, best);
          const I8 up2 = v2 > best;
          best = select(up2, v2, best);
          const I8 up3 = v3 > best;
          store(dx + i0 + c, only(up0 & ~up1 & ~up2 & ~up3, gc), n);
          store(dx + i1 + c, only(up1 & ~up2 & ~up3, gc), n);
          store(dx + i2 + c, only(up2 & ~up3, gc), n);
          store(dx + i3 + c, only(up3, gc), n);
        }
      }
      // The odd column right of the last window, in both rows of this window row.
      for (int64_t xx = 2 * s.ow; xx < s.iw; xx++) {
        std::fill_n(dx + base + 2 * oy * row + xx * C, C, 0.0f);
        std::fill_n(dx + base + (2 * oy + 1) * row + xx * C, C, 0.0f);
      }
    }
    std::fill(dx + base + 2 * s.oh * row, dx + base + image, 0.0f);  // the odd bottom row
  }
}

}  // namespace

// Each output cell's gradient goes to the first strict maximum of its window in row-major
// order, starting from −∞, exactly as tfjs-backend-cpu's maxPoolPositions picks it: ties go to
// the earliest cell, padding is never the maximum, NaN never wins, and a window of only −∞ or
// NaN passes no gradient. Found from x alone, so the forward pass never runs again: oneDNN's
// backward pass needs the forward's workspace, which TF.js does not keep, so it had to run the
// forward pass again (and takes a slow path on some Intel CPUs). Measured on this project's AMD
// EPYC machine, the model's three pools at batch 128, one thread: 1.5–1.8 ms for this loop
// against 1.7–2.1 ms for oneDNN's forward + backward (alternating runs of a C++ benchmark).
AVX2_CLONE void max_pool_grad(const Pool &s, const float *x, const float *dy, float *dx) {
  if (tiled_2x2(s)) return max_pool_grad_tiled_2x2(s, x, dy, dx);
  const int64_t C = s.c, row = int64_t{s.iw} * C, image = int64_t{s.ih} * row;
  const F8 minusInf = {kMinusInf, kMinusInf, kMinusInf, kMinusInf, kMinusInf, kMinusInf, kMinusInf, kMinusInf};
  std::fill_n(dx, s.n * image, 0.0f);
  for (int64_t b = 0; b < s.n; b++) {
    for (int64_t oy = 0; oy < s.oh; oy++) {
      const int64_t y0 = oy * s.sh - s.pt, yMin = std::max<int64_t>(0, y0), yMax = std::min<int64_t>(s.ih, y0 + s.kh);
      for (int64_t ox = 0; ox < s.ow; ox++) {
        const int64_t x0 = ox * s.sw - s.pl, xMin = std::max<int64_t>(0, x0), xMax = std::min<int64_t>(s.iw, x0 + s.kw);
        const float *g = dy + ((b * s.oh + oy) * s.ow + ox) * C;
        for (int64_t c = 0; c < C; c += kLanes) {
          const int64_t n = std::min<int64_t>(kLanes, C - c);
          // The running maximum and the input cell holding it (its offset in the image, -1: none yet).
          F8 best = minusInf;
          I8 at = {-1, -1, -1, -1, -1, -1, -1, -1};
          for (int64_t yy = yMin; yy < yMax; yy++) {
            for (int64_t xx = xMin; xx < xMax; xx++) {
              const int32_t cell = static_cast<int32_t>(yy * row + xx * C);
              const F8 v = load(x + b * image + cell + c, n);
              const I8 up = v > best;
              best = select(up, v, best);
              at = (up & I8{cell, cell, cell, cell, cell, cell, cell, cell}) | (~up & at);
            }
          }
          for (int64_t lane = 0; lane < n; lane++) {
            if (at[lane] >= 0) dx[b * image + at[lane] + c + lane] += g[c + lane];
          }
        }
      }
    }
  }
}

// tfjs-core's dropout: multiplier = div(floor(add(randomUniform(shape), keep)), keep), where
// randomUniform stores Alea's doubles in a Float32Array one at a time in JS (about 10 ns each:
// 5 ms of every 64-image shard). The same generator step for step (seedrandom's alea.js: t =
// 2091639·s0 + c·2⁻³², c = t | 0, s = t − c), then the same float32 add, floor and divide as the
// wasm kernels.
//
// Seeded by Mash, every s is a multiple of 2⁻³² in [0, 1) and c a whole number below 2091640, so
// t·2³² = 2091639·(s0·2³²) + c is a whole number below 2⁵³: each double operation of alea.js is
// exact, and the step is the integer multiply-with-carry T = 2091639·m0 + c, c = T >> 32,
// m = T mod 2³². Its chain is shorter than the doubles', and the multipliers are then computed in
// a second, vectorised pass: 0.74 against 2.4 ms for the 456,704 numbers of a 64-image shard of the
// tutorial's network (one thread, our 2-core machine). A state that is not of that form (not from Mash)
// takes the doubles' loop, operation for operation (one rounding each: binding.gyp).
namespace {

constexpr double kTwoTo32 = 4294967296.0;

/** s·2³² when s is a multiple of 2⁻³² in [0, 1), else −1. */
int64_t as_fraction32(double s) {
  const double m = s * kTwoTo32;
  return (m >= 0.0 && m < kTwoTo32 && m == std::floor(m)) ? static_cast<int64_t>(m) : -1;
}

/** mask[i] = multiplier(mask[i]): the uniform numbers, already float32, become the multipliers in place. */
AVX2_CLONE void multipliers(int64_t size, float keep, float *mask) {
  for (int64_t i = 0; i < size; i++) mask[i] = std::floor(mask[i] + keep) / keep;
}

void dropout_mask_doubles(int64_t size, double *state, float keep, float *mask) {
  double c = state[0], s0 = state[1], s1 = state[2], s2 = state[3];
  for (int64_t i = 0; i < size; i++) {
    const double scaled = 2091639.0 * s0;
    const double carry = c * 2.3283064365386963e-10;
    const double t = scaled + carry;
    s0 = s1;
    s1 = s2;
    c = static_cast<double>(static_cast<int32_t>(t));  // t lies in [0, 2³¹): `t | 0` is its floor
    s2 = t - c;
    mask[i] = static_cast<float>(s2);
  }
  multipliers(size, keep, mask);
  state[0] = c;
  state[1] = s0;
  state[2] = s1;
  state[3] = s2;
}

}  // namespace

void dropout_mask(int64_t size, double *state, float keep, float *mask) {
  const int64_t m[3] = {as_fraction32(state[1]), as_fraction32(state[2]), as_fraction32(state[3])};
  const double c0 = state[0];
  if (m[0] < 0 || m[1] < 0 || m[2] < 0 || !(c0 >= 0.0 && c0 < 2091640.0 && c0 == std::floor(c0))) {
    dropout_mask_doubles(size, state, keep, mask);
    return;
  }
  uint64_t c = static_cast<uint64_t>(c0), m0 = m[0], m1 = m[1], m2 = m[2];
  // Two passes: the generator's chain alone, then the multiplier over the whole mask (vectorised).
  for (int64_t i = 0; i < size; i++) {
    const uint64_t t = 2091639u * m0 + c;
    m0 = m1;
    m1 = m2;
    c = t >> 32;
    m2 = t & 0xffffffffu;
    mask[i] = static_cast<float>(static_cast<double>(m2) / kTwoTo32);
  }
  multipliers(size, keep, mask);
  state[0] = static_cast<double>(c);
  state[1] = static_cast<double>(m0) / kTwoTo32;
  state[2] = static_cast<double>(m1) / kTwoTo32;
  state[3] = static_cast<double>(m2) / kTwoTo32;
}

// A plain loop rather than oneDNN's reduction primitive, which in 2.6 has only a reference
// implementation for this layout (measured 38 ms against about 1 ms for this loop on the first
// layer's bias gradient). Double accumulators, as the cpu backend sums in double precision.
void channel_sum(int32_t rows, int32_t channels, const float *x, float *out) {
  std::vector<double> acc(channels, 0.0);
  for (int64_t r = 0; r < rows; r++) {
    const float *row = x + r * channels;
    for (int32_t c = 0; c < channels; c++) acc[c] += row[c];
  }
  for (int32_t c = 0; c < channels; c++) out[c] = static_cast<float>(acc[c]);
}

// The bias and ReLU of a convolution oneDNN runs through im2col + GEMM (the first layer's one
// input channel): that implementation applies them as post-ops in 2.6 at 6× the convolution's own
// time (7.7 against 1.2 ms for the first layer of a batch of 128). Same arithmetic as TF.js's
// Add then Relu: one float32 addition, then max(v, 0) as std::max takes it (NaN stays NaN).
AVX2_CLONE void bias_relu(int64_t rows, int32_t channels, const float *bias, bool relu, float *y) {
  for (int64_t r = 0; r < rows; r++) {
    float *row = y + r * channels;
    if (bias) {
      for (int32_t c = 0; c < channels; c++) row[c] = row[c] + bias[c];
    }
    if (relu) {
      for (int32_t c = 0; c < channels; c++) row[c] = row[c] < 0.0f ? 0.0f : row[c];
    }
  }
}

// ReLU's gradient from its output, TF.js's mul(dy, step(x)) in one pass: step is 1 where the
// value is positive, NaN where it is NaN, else 0 (y > 0 exactly where the pre-activation is, and
// y is NaN exactly where it is), then one float32 product, so the result is the same bit for bit.
AVX2_CLONE void relu_grad(int64_t size, const float *dy, const float *y, float *dx) {
  for (int64_t i = 0; i < size; i++) {
    const float step = y[i] > 0.0f ? 1.0f : (y[i] != y[i] ? y[i] : 0.0f);
    dx[i] = dy[i] * step;
  }
}

// pipeline/train/parallelAdam.ts adamLoop, operation for operation: each JS step is a double
// operation on float32 values rounded back with Math.fround, which equals the float32
// operation (+, −, ×, ÷ and √ round the same either way), so the results are bit-identical.
// That needs one rounding per operation: no fused multiply-adds (binding.gyp: -ffp-contract=off,
// and one operation per statement) and no -ffast-math.
void adam_step(int64_t size, float *weights, const float *gradients, float *m, float *v, const AdamCoefficients &k) {
  for (int64_t i = 0; i < size; i++) {
    const float g = gradients[i];
    const float mDecayed = m[i] * k.beta1;
    const float mNew = g * k.oneMinusBeta1;
    const float mi = mDecayed + mNew;
    const float vDecayed = v[i] * k.beta2;
    const float g2 = g * g;
    const float vNew = g2 * k.oneMinusBeta2;
    const float vi = vDecayed + vNew;
    m[i] = mi;
    v[i] = vi;
    const float mHat = mi / k.correction1;
    const float vHat = vi / k.correction2;
    const float root = std::sqrt(vHat);
    const float denominator = root + k.epsilon;
    const float ratio = mHat / denominator;
    const float step = ratio * k.negLearningRate;
    weights[i] = step + weights[i];
  }
}

}  // namespace kernels
