// Node-API entry points. Each kernel takes Float32Array views of the wasm backend's heap (so
// oneDNN works on TF.js's own tensors, no copies) and an Int32Array of the geometry; the
// element counts are checked against the geometry before any pointer is handed to oneDNN.
#include <napi.h>
#include <oneapi/dnnl/dnnl.hpp>

#include <climits>
#include <cstring>
#include <string>

#include "kernels.hpp"

namespace {

int64_t product(std::initializer_list<int64_t> xs) {
  int64_t p = 1;
  for (int64_t x : xs) p *= x;
  return p;
}

template <typename Shape, int Fields>
Shape shape_arg(const Napi::CallbackInfo &info, size_t index) {
  if (!info[index].IsTypedArray() || info[index].As<Napi::TypedArray>().TypedArrayType() != napi_int32_array) {
    throw Napi::TypeError::New(info.Env(), "argument " + std::to_string(index) + ": expected an Int32Array of sizes");
  }
  auto dims = info[index].As<Napi::Int32Array>();
  if (dims.ElementLength() != Fields) {
    throw Napi::RangeError::New(info.Env(), "expected " + std::to_string(Fields) + " sizes, got " +
                                                std::to_string(dims.ElementLength()));
  }
  Shape s;
  std::memcpy(&s, dims.Data(), sizeof(Shape));
  for (int i = 0; i < Fields; i++) {
    if (dims[i] < 0) throw Napi::RangeError::New(info.Env(), "negative size at index " + std::to_string(i));
  }
  return s;
}

/** The data of a Float32Array argument holding exactly `count` elements (null allowed when `optional`). */
float *floats(const Napi::CallbackInfo &info, size_t index, int64_t count, bool optional = false) {
  if (optional && (info[index].IsNull() || info[index].IsUndefined())) return nullptr;
  if (!info[index].IsTypedArray() || info[index].As<Napi::TypedArray>().TypedArrayType() != napi_float32_array) {
    throw Napi::TypeError::New(info.Env(), "argument " + std::to_string(index) + ": expected a Float32Array");
  }
  auto array = info[index].As<Napi::Float32Array>();
  if (static_cast<int64_t>(array.ElementLength()) != count) {
    throw Napi::RangeError::New(info.Env(), "argument " + std::to_string(index) + ": expected " +
                                                std::to_string(count) + " floats, got " +
                                                std::to_string(array.ElementLength()));
  }
  return array.Data();
}

int64_t in_size(const kernels::Conv &s) { return product({s.n, s.ih, s.iw, s.ic}); }
int64_t out_size(const kernels::Conv &s) { return product({s.n, s.oh, s.ow, s.oc}); }
int64_t filter_size(const kernels::Conv &s) { return product({s.kh, s.kw, s.ic, s.oc}); }

/** Runs `body`, turning oneDNN's exceptions into JavaScript errors that say which kernel failed. */
template <typename Body>
Napi::Value guarded(const Napi::CallbackInfo &info, const char *name, Body body) {
  try {
    body();
  } catch (const dnnl::error &e) {
    throw Napi::Error::New(info.Env(), std::string("oneDNN ") + name + ": " + e.what());
  }
  return info.Env().Undefined();
}

// conv2d(x, w, bias | null, y, dims, relu)
Napi::Value Conv2D(const Napi::CallbackInfo &info) {
  auto s = shape_arg<kernels::Conv, kernels::kConvFields>(info, 4);
  float *x = floats(info, 0, in_size(s)), *w = floats(info, 1, filter_size(s));
  float *bias = floats(info, 2, s.oc, true), *y = floats(info, 3, out_size(s));
  bool relu = info[5].ToBoolean();
  return guarded(info, "convolution", [&] { kernels::conv_forward(s, x, w, bias, y, relu); });
}

// conv2dBackpropInput(dy, w, dx, dims)
Napi::Value Conv2DBackpropInput(const Napi::CallbackInfo &info) {
  auto s = shape_arg<kernels::Conv, kernels::kConvFields>(info, 3);
  float *dy = floats(info, 0, out_size(s)), *w = floats(info, 1, filter_size(s)), *dx = floats(info, 2, in_size(s));
  return guarded(info, "convolution backward data", [&] { kernels::conv_backward_data(s, dy, w, dx); });
}

// conv2dBackpropFilter(x, dy, dw, dims)
Napi::Value Conv2DBackpropFilter(const Napi::CallbackInfo &info) {
  auto s = shape_arg<kernels::Conv, kernels::kConvFields>(info, 3);
  float *x = floats(info, 0, in_size(s)), *dy = floats(info, 1, out_size(s)), *dw = floats(info, 2, filter_size(s));
  return guarded(info, "convolution backward weights", [&] { kernels::conv_backward_weights(s, x, dy, dw); });
}

// maxPool(x, y, dims)
Napi::Value MaxPool(const Napi::CallbackInfo &info) {
  auto s = shape_arg<kernels::Pool, kernels::kPoolFields>(info, 2);
  float *x = floats(info, 0, product({s.n, s.ih, s.iw, s.c})), *y = floats(info, 1, product({s.n, s.oh, s.ow, s.c}));
  return guarded(info, "max pooling", [&] { kernels::max_pool(s, x, y); });
}

// maxPoolGrad(x, dy, dx, dims)
Napi::Value MaxPoolGrad(const Napi::CallbackInfo &info) {
  auto s = shape_arg<kernels::Pool, kernels::kPoolFields>(info, 3);
  // The loop keeps each window's maximum as an int32 offset within one image.
  if (product({s.ih, s.iw, s.c}) > INT32_MAX) throw Napi::RangeError::New(info.Env(), "maxPoolGrad: image too large");
  const int64_t in = product({s.n, s.ih, s.iw, s.c});
  float *x = floats(info, 0, in), *dy = floats(info, 1, product({s.n, s.oh, s.ow, s.c})), *dx = floats(info, 2, in);
  return guarded(info, "max pooling backward", [&] { kernels::max_pool_grad(s, x, dy, dx); });
}

/** rows and channels (arguments `at`, `at + 1`) as positive whole numbers. */
std::pair<int32_t, int32_t> rows_channels(const Napi::CallbackInfo &info, size_t at) {
  int32_t rows = info[at].ToNumber().Int32Value(), channels = info[at + 1].ToNumber().Int32Value();
  if (rows < 1 || channels < 1) throw Napi::RangeError::New(info.Env(), "rows and channels must be at least 1");
  return {rows, channels};
}

// channelSum(x, out, rows, channels)
Napi::Value ChannelSum(const Napi::CallbackInfo &info) {
  auto [rows, channels] = rows_channels(info, 2);
  float *x = floats(info, 0, int64_t{rows} * channels), *out = floats(info, 1, channels);
  return guarded(info, "channel sum", [&] { kernels::channel_sum(rows, channels, x, out); });
}

// reluGrad(dy, y, dx): ReLU's gradient from its output, as TF.js's mul(dy, step(y)).
Napi::Value ReluGrad(const Napi::CallbackInfo &info) {
  if (!info[0].IsTypedArray()) throw Napi::TypeError::New(info.Env(), "argument 0: expected a Float32Array");
  const int64_t size = info[0].As<Napi::TypedArray>().ElementLength();
  float *dy = floats(info, 0, size), *y = floats(info, 1, size), *dx = floats(info, 2, size);
  return guarded(info, "ReLU gradient", [&] { kernels::relu_grad(size, dy, y, dx); });
}

// adamStep(weights, gradients, m, v, coefficients): one Adam update in place; the coefficients
// are pipeline/train/parallelAdam.ts adamCoefficients (kernels::AdamCoefficients, in order).
Napi::Value AdamStep(const Napi::CallbackInfo &info) {
  if (!info[0].IsTypedArray()) throw Napi::TypeError::New(info.Env(), "argument 0: expected a Float32Array");
  const int64_t size = info[0].As<Napi::TypedArray>().ElementLength();
  float *weights = floats(info, 0, size), *gradients = floats(info, 1, size), *m = floats(info, 2, size),
        *v = floats(info, 3, size);
  kernels::AdamCoefficients k;
  std::memcpy(&k, floats(info, 4, kernels::kAdamFields), sizeof k);
  return guarded(info, "Adam step", [&] { kernels::adam_step(size, weights, gradients, m, v, k); });
}

// batchMatMul(a, b, c, dims [batch, m, n, k], transposeA, transposeB)
struct MatMulSizes {
  int32_t batch, m, n, k;
};

Napi::Value BatchMatMul(const Napi::CallbackInfo &info) {
  const auto s = shape_arg<MatMulSizes, 4>(info, 3);
  const int64_t batch = s.batch, m = s.m, n = s.n, k = s.k;
  if (batch < 1 || m < 1 || n < 1 || k < 1) throw Napi::RangeError::New(info.Env(), "batchMatMul: sizes must be at least 1");
  float *a = floats(info, 0, product({batch, m, k})), *b = floats(info, 1, product({batch, k, n})),
        *c = floats(info, 2, product({batch, m, n}));
  const bool ta = info[4].ToBoolean(), tb = info[5].ToBoolean();
  return guarded(info, "matrix multiplication", [&] { kernels::batch_matmul(batch, m, n, k, ta, tb, a, b, c); });
}

// dropoutMask(mask, state Float64Array [c, s0, s1, s2] (advanced in place), keep)
Napi::Value DropoutMask(const Napi::CallbackInfo &info) {
  if (!info[0].IsTypedArray()) throw Napi::TypeError::New(info.Env(), "argument 0: expected a Float32Array");
  if (!info[1].IsTypedArray() || info[1].As<Napi::TypedArray>().TypedArrayType() != napi_float64_array ||
      info[1].As<Napi::TypedArray>().ElementLength() != 4) {
    throw Napi::TypeError::New(info.Env(), "argument 1: expected a Float64Array of Alea's state [c, s0, s1, s2]");
  }
  const int64_t size = info[0].As<Napi::TypedArray>().ElementLength();
  float *mask = floats(info, 0, size);
  double *state = info[1].As<Napi::Float64Array>().Data();
  const float keep = info[2].ToNumber().FloatValue();
  if (!(keep > 0.0f && keep <= 1.0f)) throw Napi::RangeError::New(info.Env(), "dropoutMask: keep must be in (0, 1]");
  return guarded(info, "dropout mask", [&] { kernels::dropout_mask(size, state, keep, mask); });
}

// setThreads(n): oneDNN threads for the calling thread (each training worker calls it for itself).
Napi::Value SetThreads(const Napi::CallbackInfo &info) {
  int n = info[0].ToNumber().Int32Value();
  if (n < 1) throw Napi::RangeError::New(info.Env(), "setThreads: expected at least 1 thread");
  return Napi::Boolean::New(info.Env(), kernels::set_threads(n));
}

Napi::Object Init(Napi::Env env, Napi::Object exports) {
  const dnnl_version_t *v = dnnl_version();  // the library loaded at run time, not the headers
  auto version = Napi::Object::New(env);
  version.Set("major", v->major);
  version.Set("minor", v->minor);
  version.Set("patch", v->patch);
  version.Set("headers", std::to_string(DNNL_VERSION_MAJOR) + "." + std::to_string(DNNL_VERSION_MINOR) + "." +
                             std::to_string(DNNL_VERSION_PATCH));
  version.Set("threading", kernels::threading_runtime());
  exports.Set("version", version);
  exports.Set("conv2d", Napi::Function::New(env, Conv2D, "conv2d"));
  exports.Set("conv2dBackpropInput", Napi::Function::New(env, Conv2DBackpropInput, "conv2dBackpropInput"));
  exports.Set("conv2dBackpropFilter", Napi::Function::New(env, Conv2DBackpropFilter, "conv2dBackpropFilter"));
  exports.Set("maxPool", Napi::Function::New(env, MaxPool, "maxPool"));
  exports.Set("maxPoolGrad", Napi::Function::New(env, MaxPoolGrad, "maxPoolGrad"));
  exports.Set("channelSum", Napi::Function::New(env, ChannelSum, "channelSum"));
  exports.Set("reluGrad", Napi::Function::New(env, ReluGrad, "reluGrad"));
  exports.Set("adamStep", Napi::Function::New(env, AdamStep, "adamStep"));
  exports.Set("batchMatMul", Napi::Function::New(env, BatchMatMul, "batchMatMul"));
  exports.Set("dropoutMask", Napi::Function::New(env, DropoutMask, "dropoutMask"));
  exports.Set("setThreads", Napi::Function::New(env, SetThreads, "setThreads"));
  return exports;
}

}  // namespace

NODE_API_MODULE(onednn_kernels, Init)
