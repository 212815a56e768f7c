// The few oneDNN calls whose C++ signatures differ between the 2.x API (operation descriptors,
// `::desc` classes) and the 3.x API (primitive descriptors built directly from an engine).
// Everything else in the addon is written once against what both versions share.
// Only the 2.x branch has been compiled and tested (Debian's libdnnl-dev 2.6); the 3.x branch
// follows the 3.x reference documentation.
#pragma once
#include <oneapi/dnnl/dnnl.hpp>

namespace compat {

using dnnl::algorithm;
using dnnl::engine;
using dnnl::memory;
using dnnl::primitive_attr;
using dnnl::prop_kind;
using conv_fwd = dnnl::convolution_forward;
using conv_bwd_data = dnnl::convolution_backward_data;
using conv_bwd_weights = dnnl::convolution_backward_weights;
using pool_fwd = dnnl::pooling_forward;

/** Spatial geometry shared by a convolution or pooling and its gradients (oneDNN conventions: dilation 0 = none). */
struct Geometry {
  memory::dims strides, dilations, kernel, padL, padR;
};

inline primitive_attr relu_attr(bool relu) {
  primitive_attr attr;
  if (relu) {
    dnnl::post_ops ops;
#if DNNL_VERSION_MAJOR >= 3
    ops.append_eltwise(algorithm::eltwise_relu, 0.f, 0.f);
#else
    ops.append_eltwise(1.f, algorithm::eltwise_relu, 0.f, 0.f);
#endif
    attr.set_post_ops(ops);
  }
  return attr;
}

/** `bias` may be an empty descriptor (no bias). */
inline conv_fwd::primitive_desc conv_forward_pd(const engine &eng, const memory::desc &src, const memory::desc &weights,
                                               const memory::desc &bias, const memory::desc &dst, const Geometry &g,
                                               const primitive_attr &attr) {
#if DNNL_VERSION_MAJOR >= 3
  return conv_fwd::primitive_desc(eng, prop_kind::forward_training, algorithm::convolution_direct, src, weights, bias,
                                  dst, g.strides, g.dilations, g.padL, g.padR, attr);
#else
  conv_fwd::desc d(prop_kind::forward_training, algorithm::convolution_direct, src, weights, bias, dst, g.strides,
                   g.dilations, g.padL, g.padR);
  return conv_fwd::primitive_desc(d, attr, eng);
#endif
}

/**
 * Backward data (`Bwd` = conv_bwd_data: diff_src, weights, diff_dst) or backward weights
 * (conv_bwd_weights: src, diff_weights, diff_dst): both take their descriptors in that order.
 */
template <typename Bwd>
typename Bwd::primitive_desc conv_backward_pd(const engine &eng, const memory::desc &first, const memory::desc &second,
                                              const memory::desc &diffDst, const Geometry &g,
                                              const conv_fwd::primitive_desc &hint) {
#if DNNL_VERSION_MAJOR >= 3
  return typename Bwd::primitive_desc(eng, algorithm::convolution_direct, first, second, diffDst, g.strides,
                                      g.dilations, g.padL, g.padR, hint);
#else
  typename Bwd::desc d(algorithm::convolution_direct, first, second, diffDst, g.strides, g.dilations, g.padL, g.padR);
  return typename Bwd::primitive_desc(d, eng, hint);
#endif
}

inline pool_fwd::primitive_desc pool_forward_pd(const engine &eng, prop_kind kind, const memory::desc &src,
                                               const memory::desc &dst, const Geometry &g) {
#if DNNL_VERSION_MAJOR >= 3
  return pool_fwd::primitive_desc(eng, kind, algorithm::pooling_max, src, dst, g.strides, g.kernel, g.dilations,
                                  g.padL, g.padR);
#else
  pool_fwd::desc d(kind, algorithm::pooling_max, src, dst, g.strides, g.kernel, g.padL, g.padR);
  return pool_fwd::primitive_desc(d, eng);
#endif
}

}  // namespace compat
