#include "kernels.hpp"

#include <map>
#include <unordered_map>
#include <memory>
#include <vector>

#include "dnnl_compat.hpp"

// OpenMP's thread count is per calling thread, which is what a worker thread needs. (Apple's
// clang has no omp.h; there the library's own default applies.)
#if DNNL_CPU_THREADING_RUNTIME == DNNL_RUNTIME_OMP && __has_include(<omp.h>)
#include <omp.h>
#define ONEDNN_KERNELS_OMP 1
#endif

namespace kernels {
namespace {

using dnnl::memory;
using tag = memory::format_tag;
using dt = memory::data_type;
using Key = std::vector<int32_t>;

memory::desc nhwc(int32_t n, int32_t c, int32_t h, int32_t w) { return memory::desc({n, c, h, w}, dt::f32, tag::nhwc); }

struct ConvDescs {
  memory::desc src, weights, dst;
  compat::Geometry g;
  explicit ConvDescs(const Conv &s)
      : src(nhwc(s.n, s.ic, s.ih, s.iw)),
        weights(memory::desc({s.oc, s.ic, s.kh, s.kw}, dt::f32, tag::hwio)),
        dst(nhwc(s.n, s.oc, s.oh, s.ow)),
        g{{s.sh, s.sw}, {s.dh - 1, s.dw - 1}, {s.kh, s.kw}, {s.pt, s.pl}, {s.pb, s.pr}} {}
  compat::conv_fwd::primitive_desc forward(const dnnl::engine &eng, bool bias, bool relu) const {
    const memory::desc biasDesc = bias ? memory::desc({dst.dims()[1]}, dt::f32, tag::a) : memory::desc();
    return compat::conv_forward_pd(eng, src, weights, biasDesc, dst, g, compat::relu_attr(relu));
  }
};

struct PoolDescs {
  memory::desc src, dst;
  compat::Geometry g;
  explicit PoolDescs(const Pool &s)
      : src(nhwc(s.n, s.c, s.ih, s.iw)),
        dst(nhwc(s.n, s.c, s.oh, s.ow)),
        g{{s.sh, s.sw}, {0, 0}, {s.kh, s.kw}, {s.pt, s.pl}, {s.pb, s.pr}} {}
};

/** A primitive with the descriptors of its arguments; `workspace` only for max-pooling gradients. */
struct Cached {
  dnnl::primitive prim, forward;
  memory::desc a, b, c, bias;
  std::unique_ptr<memory> workspace, scratchDst;
};

/**
 * Per-thread oneDNN state: the engine, a stream and the primitives built so far, by shape.
 * Each training worker is its own thread, so nothing here is shared or locked.
 */
struct Context {
  dnnl::engine eng{dnnl::engine::kind::cpu, 0};
  dnnl::stream strm{eng};
  std::map<Key, Cached> cache;

  template <typename Make>
  Cached &get(Key key, Make make) {
    auto it = cache.find(key);
    if (it == cache.end()) it = cache.emplace(std::move(key), make()).first;
    return it->second;
  }
  memory mem(const memory::desc &d, const float *p) { return memory(d, eng, const_cast<float *>(p)); }
};

Context &context() {
  thread_local Context ctx;
  return ctx;
}

enum Op : int32_t { kConvFwd, kConvBwdData, kConvBwdWeights, kPoolFwd, kPoolGrad, kBiasAdd };

Key key_of(Op op, const int32_t *fields, int count, int32_t extra = 0) {
  Key k(fields, fields + count);
  k.push_back(op);
  k.push_back(extra);
  return k;
}

}  // namespace

void conv_forward(const Conv &s, const float *x, const float *w, const float *bias, float *y, bool relu) {
  Context &ctx = context();
  const int32_t flags = (bias ? 1 : 0) | (relu ? 2 : 0);
  Cached &c = ctx.get(key_of(kConvFwd, &s.n, kConvFields, flags), [&] {
    ConvDescs d(s);
    auto pd = d.forward(ctx.eng, bias != nullptr, relu);
    Cached e;
    e.prim = compat::conv_fwd(pd);
    e.a = d.src, e.b = d.weights, e.c = d.dst, e.bias = pd.bias_desc();
    return e;
  });
  std::unordered_map<int, memory> args{
      {DNNL_ARG_SRC, ctx.mem(c.a, x)}, {DNNL_ARG_WEIGHTS, ctx.mem(c.b, w)}, {DNNL_ARG_DST, ctx.mem(c.c, y)}};
  if (bias) args.emplace(DNNL_ARG_BIAS, ctx.mem(c.bias, bias));
  c.prim.execute(ctx.strm, args);
  ctx.strm.wait();
}

void conv_backward_data(const Conv &s, const float *dy, const float *w, float *dx) {
  Context &ctx = context();
  Cached &c = ctx.get(key_of(kConvBwdData, &s.n, kConvFields), [&] {
    ConvDescs d(s);
    auto pd = compat::conv_backward_data_pd(ctx.eng, d.src, d.weights, d.dst, d.g, d.forward(ctx.eng, false, false));
    Cached e;
    e.prim = compat::conv_bwd_data(pd);
    e.a = d.dst, e.b = d.weights, e.c = d.src;
    return e;
  });
  c.prim.execute(ctx.strm, {{DNNL_ARG_DIFF_DST, ctx.mem(c.a, dy)},
                            {DNNL_ARG_WEIGHTS, ctx.mem(c.b, w)},
                            {DNNL_ARG_DIFF_SRC, ctx.mem(c.c, dx)}});
  ctx.strm.wait();
}

void conv_backward_weights(const Conv &s, const float *x, const float *dy, float *dw) {
  Context &ctx = context();
  Cached &c = ctx.get(key_of(kConvBwdWeights, &s.n, kConvFields), [&] {
    ConvDescs d(s);
    auto pd =
        compat::conv_backward_weights_pd(ctx.eng, d.src, d.weights, d.dst, d.g, d.forward(ctx.eng, false, false));
    Cached e;
    e.prim = compat::conv_bwd_weights(pd);
    e.a = d.src, e.b = d.dst, e.c = d.weights;
    return e;
  });
  c.prim.execute(ctx.strm, {{DNNL_ARG_SRC, ctx.mem(c.a, x)},
                            {DNNL_ARG_DIFF_DST, ctx.mem(c.b, dy)},
                            {DNNL_ARG_DIFF_WEIGHTS, ctx.mem(c.c, dw)}});
  ctx.strm.wait();
}

void max_pool(const Pool &s, const float *x, float *y) {
  Context &ctx = context();
  Cached &c = ctx.get(key_of(kPoolFwd, &s.n, kPoolFields), [&] {
    PoolDescs d(s);
    Cached e;
    e.prim = compat::pool_fwd(compat::pool_forward_pd(ctx.eng, dnnl::prop_kind::forward_inference, d.src, d.dst, d.g));
    e.a = d.src, e.c = d.dst;
    return e;
  });
  c.prim.execute(ctx.strm, {{DNNL_ARG_SRC, ctx.mem(c.a, x)}, {DNNL_ARG_DST, ctx.mem(c.c, y)}});
  ctx.strm.wait();
}

// TF.js's MaxPoolGrad receives x, not the argmax oneDNN's backward pass needs, so the forward
// pass runs again (training mode) into a cached scratch output to produce that workspace.
void max_pool_grad(const Pool &s, const float *x, const float *dy, float *dx) {
  Context &ctx = context();
  Cached &c = ctx.get(key_of(kPoolGrad, &s.n, kPoolFields), [&] {
    PoolDescs d(s);
    auto fwd = compat::pool_forward_pd(ctx.eng, dnnl::prop_kind::forward_training, d.src, d.dst, d.g);
    auto bwd = compat::pool_backward_pd(ctx.eng, d.src, d.dst, d.g, fwd);
    Cached e;
    e.forward = compat::pool_fwd(fwd);
    e.prim = compat::pool_bwd(bwd);
    e.a = d.src, e.c = d.dst;
    e.workspace = std::make_unique<memory>(fwd.workspace_desc(), ctx.eng);
    e.scratchDst = std::make_unique<memory>(d.dst, ctx.eng);
    return e;
  });
  c.forward.execute(ctx.strm, {{DNNL_ARG_SRC, ctx.mem(c.a, x)},
                               {DNNL_ARG_DST, *c.scratchDst},
                               {DNNL_ARG_WORKSPACE, *c.workspace}});
  c.prim.execute(ctx.strm, {{DNNL_ARG_DIFF_DST, ctx.mem(c.c, dy)},
                            {DNNL_ARG_WORKSPACE, *c.workspace},
                            {DNNL_ARG_DIFF_SRC, ctx.mem(c.a, dx)}});
  ctx.strm.wait();
}

memory::desc rows_md(int32_t rows, int32_t channels) { return memory::desc({rows, channels}, dt::f32, tag::ab); }

void bias_add(int32_t rows, int32_t channels, const float *x, const float *bias, float *y) {
  Context &ctx = context();
  const int32_t dims[] = {rows, channels};
  Cached &c = ctx.get(key_of(kBiasAdd, dims, 2), [&] {
    Cached e;
    e.a = rows_md(rows, channels), e.b = rows_md(1, channels);
    e.prim = dnnl::binary(compat::add_pd(ctx.eng, e.a, e.b, e.a));
    return e;
  });
  c.prim.execute(ctx.strm, {{DNNL_ARG_SRC_0, ctx.mem(c.a, x)}, {DNNL_ARG_SRC_1, ctx.mem(c.b, bias)}, {DNNL_ARG_DST, ctx.mem(c.a, y)}});
  ctx.strm.wait();
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

bool set_threads(int threads) {
#ifdef ONEDNN_KERNELS_OMP
  omp_set_num_threads(threads);
  return true;
#else
  (void)threads;
  return false;
#endif
}

const char *threading_runtime() {
#if DNNL_CPU_THREADING_RUNTIME == DNNL_RUNTIME_OMP
  return "OpenMP";
#elif DNNL_CPU_THREADING_RUNTIME == DNNL_RUNTIME_TBB
  return "TBB";
#elif DNNL_CPU_THREADING_RUNTIME == DNNL_RUNTIME_THREADPOOL
  return "threadpool";
#else
  return "sequential";
#endif
}

}  // namespace kernels
