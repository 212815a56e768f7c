#include "kernels.hpp"

#include <initializer_list>
#include <map>
#include <memory>
#include <unordered_map>
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

/**
 * A convolution's three tensors in TF.js layouts (`src`, `weights`, `dst`: what the caller's
 * buffers hold), the layouts the primitive is asked to use, and the geometry. With 16 input
 * channels or more the primitive may pick its own blocked layouts (`any`), reordered on the way
 * in and out: oneDNN then uses its direct AVX-512/AVX2 kernels instead of im2col + GEMM, measured
 * 1.2–1.8× faster on this network's second and third layers, reorders included; with fewer
 * channels (the first layer) the plain layout was faster.
 */
struct ConvDescs {
  memory::desc src, weights, dst, innerSrc, innerWeights, innerDst;
  compat::Geometry g;
  explicit ConvDescs(const Conv &s)
      : src(nhwc(s.n, s.ic, s.ih, s.iw)),
        weights(memory::desc({s.oc, s.ic, s.kh, s.kw}, dt::f32, tag::hwio)),
        dst(nhwc(s.n, s.oc, s.oh, s.ow)),
        innerSrc(s.ic >= 16 ? memory::desc(src.dims(), dt::f32, tag::any) : src),
        innerWeights(s.ic >= 16 ? memory::desc(weights.dims(), dt::f32, tag::any) : weights),
        innerDst(s.ic >= 16 ? memory::desc(dst.dims(), dt::f32, tag::any) : dst),
        g{{s.sh, s.sw}, {s.dh - 1, s.dw - 1}, {s.kh, s.kw}, {s.pt, s.pl}, {s.pb, s.pr}} {}
  memory::desc bias() const { return memory::desc({dst.dims()[1]}, dt::f32, tag::a); }
  compat::conv_fwd::primitive_desc forward(const dnnl::engine &eng, bool withBias, bool relu) const {
    return compat::conv_forward_pd(eng, innerSrc, innerWeights, withBias ? bias() : memory::desc(), innerDst, g,
                                   compat::relu_attr(relu));
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

/** An argument the primitive wants in another layout than the caller's: a reorder and a buffer. */
struct Staging {
  dnnl::reorder reorder;
  std::shared_ptr<memory> scratch;
};

bool is_output(int id) { return id == DNNL_ARG_DST || id == DNNL_ARG_DIFF_SRC || id == DNNL_ARG_DIFF_WEIGHTS; }

/** A built primitive. */
struct Cached {
  dnnl::primitive prim;
  /** By argument id, where the primitive's layout differs from the caller's. */
  std::map<int, Staging> staged{};

  /** Notes that argument `id` is `user` for the caller and `inner` for the primitive. */
  Cached &stage(const dnnl::engine &eng, int id, const memory::desc &user, const memory::desc &inner) {
    if (user == inner) return *this;
    const bool out = is_output(id);
    auto pd = dnnl::reorder::primitive_desc(eng, out ? inner : user, eng, out ? user : inner);
    staged.emplace(id, Staging{dnnl::reorder(pd), std::make_shared<memory>(inner, eng)});
    return *this;
  }
};

/** One argument of a primitive: its oneDNN argument id, descriptor and caller-owned data (may be null). */
struct Arg {
  int id;
  const memory::desc &md;
  const float *data;
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

  /**
   * Runs `c`'s primitive on the callers' buffers, wrapped in place (no copies) unless `c`
   * stages them in the primitive's own layout.
   */
  void run(const Cached &c, std::initializer_list<Arg> args) {
    std::unordered_map<int, memory> bound;
    std::vector<std::pair<const Staging *, memory>> outputs;
    for (const Arg &a : args) {
      if (!a.data) continue;
      memory user(a.md, eng, const_cast<float *>(a.data));
      auto it = c.staged.find(a.id);
      if (it == c.staged.end()) {
        bound.emplace(a.id, user);
        continue;
      }
      const Staging &st = it->second;
      if (is_output(a.id)) {
        outputs.emplace_back(&st, user);
      } else {
        st.reorder.execute(strm, user, *st.scratch);
      }
      bound.emplace(a.id, *st.scratch);
    }
    c.prim.execute(strm, bound);
    for (auto &[st, user] : outputs) st->reorder.execute(strm, *st->scratch, user);
    strm.wait();
  }
};

Context &context() {
  thread_local Context ctx;
  return ctx;
}

enum Op : int32_t { kConvFwd, kConvBwdData, kConvBwdWeights, kPoolFwd };

Key key_of(Op op, const int32_t *fields, int count, int32_t extra = 0) {
  Key k(fields, fields + count);
  k.push_back(op);
  k.push_back(extra);
  return k;
}

}  // namespace

void conv_forward(const Conv &s, const float *x, const float *w, const float *bias, float *y, bool relu) {
  Context &ctx = context();
  ConvDescs d(s);
  if (d.innerDst == d.dst && (bias || relu)) {
    // Plain layouts get im2col + GEMM, whose post-ops are slow: the bias and ReLU run as a loop after it.
    conv_forward(s, x, w, nullptr, y, false);
    bias_relu(int64_t{s.n} * s.oh * s.ow, s.oc, bias, relu, y);
    return;
  }
  const int32_t flags = (bias ? 1 : 0) | (relu ? 2 : 0);
  Cached &c = ctx.get(key_of(kConvFwd, &s.n, kConvFields, flags), [&] {
    auto pd = d.forward(ctx.eng, bias != nullptr, relu);
    return Cached{compat::conv_fwd(pd)}
        .stage(ctx.eng, DNNL_ARG_SRC, d.src, pd.src_desc())
        .stage(ctx.eng, DNNL_ARG_WEIGHTS, d.weights, pd.weights_desc())
        .stage(ctx.eng, DNNL_ARG_DST, d.dst, pd.dst_desc());
  });
  ctx.run(c, {{DNNL_ARG_SRC, d.src, x}, {DNNL_ARG_WEIGHTS, d.weights, w}, {DNNL_ARG_BIAS, d.bias(), bias},
              {DNNL_ARG_DST, d.dst, y}});
}

void conv_backward_data(const Conv &s, const float *dy, const float *w, float *dx) {
  Context &ctx = context();
  ConvDescs d(s);
  Cached &c = ctx.get(key_of(kConvBwdData, &s.n, kConvFields), [&] {
    auto pd = compat::conv_backward_pd<compat::conv_bwd_data>(ctx.eng, d.innerSrc, d.innerWeights, d.innerDst, d.g,
                                                               d.forward(ctx.eng, false, false));
    return Cached{compat::conv_bwd_data(pd)}
        .stage(ctx.eng, DNNL_ARG_DIFF_DST, d.dst, pd.diff_dst_desc())
        .stage(ctx.eng, DNNL_ARG_WEIGHTS, d.weights, pd.weights_desc())
        .stage(ctx.eng, DNNL_ARG_DIFF_SRC, d.src, pd.diff_src_desc());
  });
  ctx.run(c, {{DNNL_ARG_DIFF_DST, d.dst, dy}, {DNNL_ARG_WEIGHTS, d.weights, w}, {DNNL_ARG_DIFF_SRC, d.src, dx}});
}

void conv_backward_weights(const Conv &s, const float *x, const float *dy, float *dw) {
  Context &ctx = context();
  ConvDescs d(s);
  Cached &c = ctx.get(key_of(kConvBwdWeights, &s.n, kConvFields), [&] {
    auto pd = compat::conv_backward_pd<compat::conv_bwd_weights>(ctx.eng, d.innerSrc, d.innerWeights, d.innerDst,
                                                                  d.g, d.forward(ctx.eng, false, false));
    return Cached{compat::conv_bwd_weights(pd)}
        .stage(ctx.eng, DNNL_ARG_SRC, d.src, pd.src_desc())
        .stage(ctx.eng, DNNL_ARG_DIFF_DST, d.dst, pd.diff_dst_desc())
        .stage(ctx.eng, DNNL_ARG_DIFF_WEIGHTS, d.weights, pd.diff_weights_desc());
  });
  ctx.run(c, {{DNNL_ARG_SRC, d.src, x}, {DNNL_ARG_DIFF_DST, d.dst, dy}, {DNNL_ARG_DIFF_WEIGHTS, d.weights, dw}});
}

// oneDNN's sgemm (row-major, the same call in 2.x and 3.x), one matrix at a time: this network's
// dense layers are a single [batch, 128] × [128, 128] or × [128, 10] product and its gradients.
void batch_matmul(int64_t batch, int64_t m, int64_t n, int64_t k, bool transpose_a, bool transpose_b, const float *a,
                  const float *b, float *c) {
  const int64_t lda = transpose_a ? m : k, ldb = transpose_b ? k : n;
  for (int64_t i = 0; i < batch; i++) {
    const dnnl::status status = dnnl::sgemm(transpose_a ? 'T' : 'N', transpose_b ? 'T' : 'N', m, n, k, 1.0f,
                                            a + i * m * k, lda, b + i * k * n, ldb, 0.0f, c + i * m * n, n);
    if (status != dnnl::status::success) throw dnnl::error(static_cast<dnnl_status_t>(status), "sgemm failed");
  }
}

void max_pool(const Pool &s, const float *x, float *y) {
  Context &ctx = context();
  PoolDescs d(s);
  Cached &c = ctx.get(key_of(kPoolFwd, &s.n, kPoolFields), [&] {
    return Cached{compat::pool_fwd(compat::pool_forward_pd(ctx.eng, dnnl::prop_kind::forward_inference, d.src, d.dst, d.g))};
  });
  ctx.run(c, {{DNNL_ARG_SRC, d.src, x}, {DNNL_ARG_DST, d.dst, y}});
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
