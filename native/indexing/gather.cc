#include "indexing/gather.h"

#include <string>
#include <type_traits>

#include "core/wrap.h"

namespace tg {
namespace {

// Checks gather/scatter geometry; returns `big`'s strides with `dim` zeroed, so that walking the
// index's shape visits the element of `big` the index points into once the index is added.
Dims PrepareIndexed(const char* op, const Dims& big_shape, const View& big, int64_t dim, const Dims& index_shape,
                    const View& index) {
  const int64_t nd = static_cast<int64_t>(big_shape.size());
  if (dim < 0 || dim >= (nd == 0 ? 1 : nd)) {
    throw Error(Code::kIndex, std::string(op) + ": dim " + std::to_string(dim) + " out of range");
  }
  if (index.dtype != DType::kI32 && index.dtype != DType::kI64) {
    throw Error(Code::kDtype, std::string(op) + ": index must be int32 or int64");
  }
  if (static_cast<int64_t>(index_shape.size()) != nd) {
    throw Error(Code::kShape,
                std::string(op) + ": Index tensor must have the same number of dimensions as input tensor");
  }
  for (int64_t d = 0; d < nd; ++d) {
    if (d != dim && index_shape[d] > big_shape[d]) {
      throw Error(Code::kShape, std::string(op) + ": Size does not match at dimension " + std::to_string(d) +
                                    " expected index " + DimsToString(index_shape) + " to be no larger than self " +
                                    DimsToString(big_shape) + " apart from dimension " + std::to_string(dim));
    }
  }
  CheckView(big_shape, big, op, "input");
  CheckView(index_shape, index, op, "index");
  Dims st = big.strides;
  if (nd > 0) st[dim] = 0;
  return st;
}

// Validates every index before anything is written: each must lie in [0, size).
template <class I>
void CheckIndices(const char* op, const Dims& index_shape, const View& index, int64_t size, int64_t dim) {
  const I* pi = index.As<I>();
  NdLoop<1> check(index_shape, {&index.strides}, {index.offset});
  check.ForEachRun([&](const int64_t* off, int64_t n, const int64_t* st) {
    for (int64_t i = 0; i < n; ++i) {
      const I v = pi[off[0] + i * st[0]];
      if (v < 0 || v >= size) {
        throw Error(Code::kIndex, std::string(op) + ": index " + std::to_string(v) +
                                      " is out of bounds for dimension " + std::to_string(dim) + " with size " +
                                      std::to_string(size));
      }
    }
  });
}

template <class I>
void GatherTyped(const Dims& index_shape, const View& x, const Dims& xs, int64_t step, const View& index,
                 const View& o) {
  const I* pi = index.As<I>();
  VisitDType(x.dtype, [&](auto tag) {
    using T = typename decltype(tag)::type;
    const T* px = x.As<T>();
    T* po = o.As<T>();
    NdLoop<3> loop(index_shape, {&o.strides, &xs, &index.strides}, {o.offset, x.offset, index.offset});
    loop.ForEachRun([&](const int64_t* off, int64_t n, const int64_t* st) {
      for (int64_t i = 0; i < n; ++i) {
        po[off[0] + i * st[0]] = px[off[1] + i * st[1] + pi[off[2] + i * st[2]] * step];
      }
    });
  });
}

template <class I>
void ScatterAddTyped(const Dims& index_shape, const View& o, const Dims& os, int64_t step, const View& index,
                     const View& src) {
  const I* pi = index.As<I>();
  VisitDType(o.dtype, [&](auto tag) {
    using T = typename decltype(tag)::type;
    if constexpr (std::is_same_v<T, uint8_t>) {
      throw Error(Code::kDtype, "scatter_add: not supported for bool");
    } else {
      T* po = o.As<T>();
      const T* ps = src.As<T>();
      NdLoop<3> loop(index_shape, {&os, &src.strides, &index.strides}, {o.offset, src.offset, index.offset});
      loop.ForEachRun([&](const int64_t* off, int64_t n, const int64_t* st) {
        for (int64_t i = 0; i < n; ++i) {
          T& dst = po[off[0] + i * st[0] + pi[off[2] + i * st[2]] * step];
          dst = WrapAdd(dst, ps[off[1] + i * st[1]]);
        }
      });
    }
  });
}

}  // namespace

void Gather(const Dims& x_shape, const View& x, int64_t dim, const Dims& index_shape, const View& index,
            const View& out) {
  const Dims xs = PrepareIndexed("gather", x_shape, x, dim, index_shape, index);
  CheckSameDtype(out, x, "gather");
  View o = out;
  o.strides = ContiguousStrides(index_shape);
  CheckOutput(index_shape, o, "gather");
  const int64_t size = x_shape.empty() ? 1 : x_shape[dim];
  const int64_t step = x_shape.empty() ? 0 : x.strides[dim];
  VisitIndex(index.dtype, "gather", [&](auto itag) {
    using I = typename decltype(itag)::type;
    CheckIndices<I>("gather", index_shape, index, size, dim);
    GatherTyped<I>(index_shape, x, xs, step, index, o);
  });
}

void ScatterAdd(const Dims& out_shape, const View& out, int64_t dim, const Dims& index_shape, const View& index,
                const View& src) {
  View o = out;
  o.strides = ContiguousStrides(out_shape);
  const Dims os = PrepareIndexed("scatter_add", out_shape, o, dim, index_shape, index);
  CheckSameDtype(out, src, "scatter_add");
  CheckView(index_shape, src, "scatter_add", "source");
  const int64_t size = out_shape.empty() ? 1 : out_shape[dim];
  const int64_t step = out_shape.empty() ? 0 : o.strides[dim];
  VisitIndex(index.dtype, "scatter_add", [&](auto itag) {
    using I = typename decltype(itag)::type;
    CheckIndices<I>("scatter_add", index_shape, index, size, dim);
    ScatterAddTyped<I>(index_shape, o, os, step, index, src);
  });
}

}  // namespace tg
