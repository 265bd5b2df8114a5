#include "reduce/reduce.h"

#include "core/wrap.h"
#include "cpu/dispatch.h"
#include "elementwise/elementwise.h"

namespace tg {
namespace {

// Walks x in its own order with the output's strides set to 0 on reduced dims, so a reduced
// inner run collapses to one SIMD sum and a kept inner run is a vector add into the output.
template <class T>
void SumTyped(const Dims& shape, const View& x, const Dims& out_strides, T* out, int64_t out_n, double scale) {
  const auto& k = Kernels().For<T>();
  for (int64_t i = 0; i < out_n; ++i) out[i] = T(0);
  const T* px = x.As<T>();
  NdLoop<2> loop(shape, {&out_strides, &x.strides}, {0, x.offset});
  loop.ForEachRun([&](const int64_t* off, int64_t n, const int64_t* st) {
    T* ro = out + off[0];
    const T* rx = px + off[1];
    T buf[kChunk];
    if (st[0] == 0) {
      if (st[1] == 1) {
        *ro = WrapAdd(*ro, k.sum(rx, n));
        return;
      }
      for (int64_t i = 0; i < n; i += kChunk) {
        const int64_t c = n - i < kChunk ? n - i : kChunk;
        *ro = WrapAdd(*ro, k.sum(GatherChunk(rx + i * st[1], st[1], c, buf), c));
      }
      return;
    }
    for (int64_t i = 0; i < n; i += kChunk) {
      const int64_t c = n - i < kChunk ? n - i : kChunk;
      const T* cx = GatherChunk(rx + i * st[1], st[1], c, buf);
      if (st[0] == 1) {
        k.binary[kAdd][kVecVec](ro + i, cx, ro + i, c);
      } else {
        for (int64_t j = 0; j < c; ++j) ro[(i + j) * st[0]] = WrapAdd(ro[(i + j) * st[0]], cx[j]);
      }
    }
  });
  if (scale != 1.0) {
    const T s = static_cast<T>(scale);
    k.binary[kMul][kVecScalar](out, &s, out, out_n);
  }
}

}  // namespace

void ReduceSum(const Dims& x_shape, const View& x, const std::vector<bool>& reduce, const View& out,
               double scale) {
  CheckView(x_shape, x, "sum", "input");
  CheckSameDtype(out, x, "sum");
  if (reduce.size() != x_shape.size()) {
    throw Error(Code::kArgument, "sum: " + std::to_string(reduce.size()) + " reduce flags for shape " +
                                     DimsToString(x_shape));
  }
  Dims out_shape;
  for (size_t d = 0; d < x_shape.size(); ++d) {
    if (!reduce[d]) out_shape.push_back(x_shape[d]);
  }
  const Dims out_contig = ContiguousStrides(out_shape);
  Dims out_strides(x_shape.size(), 0);
  for (size_t d = 0, j = 0; d < x_shape.size(); ++d) {
    if (!reduce[d]) out_strides[d] = out_contig[j++];
  }
  const int64_t out_n = Numel(out_shape, "sum");
  View o = out;
  o.strides = out_contig;
  CheckView(out_shape, o, "sum", "output");
  const int64_t base = out.offset;
  switch (x.dtype) {
    case DType::kF32: return SumTyped<float>(x_shape, x, out_strides, out.As<float>() + base, out_n, scale);
    case DType::kF64: return SumTyped<double>(x_shape, x, out_strides, out.As<double>() + base, out_n, scale);
    case DType::kI32: return SumTyped<int32_t>(x_shape, x, out_strides, out.As<int32_t>() + base, out_n, scale);
    default: throw Error(Code::kDtype, std::string("sum: not supported for ") + DTypeName(x.dtype));
  }
}

}  // namespace tg
