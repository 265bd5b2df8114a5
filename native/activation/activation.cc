#include "activation/activation.h"

#include <string>

#include "core/parallel.h"

namespace tg {
namespace {

// Elements per parallel chunk: the exp-heavy kernels cost several ns an element, so fewer
// elements than the elementwise drivers' 2^17 already pay for a thread.
constexpr int64_t kGrain = 1 << 14;

void CheckFloat(const View& x, const View& out, const char* op) {
  CheckSameDtype(out, x, op);
  if (x.dtype != DType::kF32 && x.dtype != DType::kF64) {
    throw Error(Code::kDtype, std::string(op) + ": not implemented for " + DTypeName(x.dtype));
  }
}

template <class T>
void ActivationTyped(ActivationRunFn<T> fn, int64_t n, const View& x, const View& out, double p0, double p1) {
  const T* px = x.As<T>() + x.offset;
  T* po = out.As<T>() + out.offset;
  const T a = static_cast<T>(p0), b = static_cast<T>(p1);
  ParallelFor(n, kGrain, [&](int64_t begin, int64_t end) { fn(px + begin, po + begin, end - begin, a, b); });
}

template <class T>
void SoftmaxTyped(const TypedKernels<T>& k, bool log, int64_t outer, int64_t n, int64_t inner, const View& x,
                  const View& out) {
  const T* px = x.As<T>() + x.offset;
  T* po = out.As<T>() + out.offset;
  if (inner == 1) {
    const int64_t grain = n >= kGrain ? 1 : kGrain / n;
    ParallelFor(outer, grain, [&](int64_t begin, int64_t end) {
      k.softmax_rows(px + begin * n, po + begin * n, end - begin, n, log);
    });
    return;
  }
  // One task per (outer block, strip of columns); a strip is wide enough to vectorise.
  constexpr int64_t kStrip = 256;
  const int64_t strips = (inner + kStrip - 1) / kStrip;
  const int64_t per_task = n * (inner < kStrip ? inner : kStrip);
  const int64_t grain = per_task >= kGrain ? 1 : kGrain / per_task;
  ParallelFor(outer * strips, grain, [&](int64_t begin, int64_t end) {
    for (int64_t t = begin; t < end; ++t) {
      const int64_t o = t / strips, j0 = (t % strips) * kStrip;
      const int64_t j1 = j0 + kStrip < inner ? j0 + kStrip : inner;
      k.softmax_cols(px + o * n * inner, po + o * n * inner, n, inner, j0, j1, log);
    }
  });
}

}  // namespace

void Activation(const KernelTable& kernels, int op, int64_t n, const View& x, const View& out, double p0, double p1) {
  if (op < 0 || op >= kNumActivationOps) throw Error(Code::kArgument, "activation: unknown op " + std::to_string(op));
  CheckFloat(x, out, "activation");
  if (n < 0) throw Error(Code::kArgument, "activation: negative element count");
  const Dims shape{n};
  View xv = x, ov = out;
  xv.strides = ov.strides = Dims{1};
  CheckView(shape, xv, "activation", "input");
  CheckOutput(shape, ov, "activation");
  if (n == 0) return;
  if (x.dtype == DType::kF32) return ActivationTyped(kernels.f32.activation[op], n, xv, ov, p0, p1);
  ActivationTyped(kernels.f64.activation[op], n, xv, ov, p0, p1);
}

void Softmax(const KernelTable& kernels, bool log, const Dims& shape, const View& x, int64_t dim, const View& out) {
  const char* op = log ? "log_softmax" : "softmax";
  CheckFloat(x, out, op);
  const int64_t nd = static_cast<int64_t>(shape.size());
  // A 0-d tensor is one row of one element.
  const Dims dims = nd == 0 ? Dims{1} : shape;
  if (dim < 0 || dim >= static_cast<int64_t>(dims.size())) {
    throw Error(Code::kIndex,
                std::string(op) + ": dim " + std::to_string(dim) + " out of range for shape " + DimsToString(shape));
  }
  View xv = x, ov = out;
  xv.strides = ov.strides = ContiguousStrides(dims);
  CheckView(dims, xv, op, "input");
  CheckOutput(dims, ov, op);
  int64_t outer = 1, inner = 1;
  for (int64_t i = 0; i < dim; ++i) outer *= dims[i];
  for (int64_t i = dim + 1; i < static_cast<int64_t>(dims.size()); ++i) inner *= dims[i];
  const int64_t n = dims[dim];
  if (outer == 0 || inner == 0 || n == 0) return;
  if (x.dtype == DType::kF32) return SoftmaxTyped(kernels.f32, log, outer, n, inner, xv, ov);
  SoftmaxTyped(kernels.f64, log, outer, n, inner, xv, ov);
}

}  // namespace tg
