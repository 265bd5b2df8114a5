#include "reduce/arg_reduce.h"

#include <string>
#include <type_traits>

namespace tg {
namespace {

template <class T>
void ArgReduceTyped(bool is_max, const Dims& outer_shape, const Dims& outer_strides, const View& x, int64_t n,
                    int64_t step, T* values, int64_t* indices) {
  const T* px = x.As<T>();
  const Dims out_strides = ContiguousStrides(outer_shape);
  NdLoop<2> loop(outer_shape, {&out_strides, &outer_strides}, {0, x.offset});
  loop.ForEachRun([&](const int64_t* off, int64_t run, const int64_t* st) {
    for (int64_t r = 0; r < run; ++r) {
      const T* p = px + off[1] + r * st[1];
      T best = p[0];
      int64_t at = 0;
      bool nan = false;
      if constexpr (std::is_floating_point_v<T>) nan = best != best;
      for (int64_t i = 1; i < n && !nan; ++i) {
        const T v = p[i * step];
        if constexpr (std::is_floating_point_v<T>) {
          if (v != v) {
            best = v;
            at = i;
            break;
          }
        }
        if (is_max ? v > best : v < best) {
          best = v;
          at = i;
        }
      }
      values[off[0] + r * st[0]] = best;
      indices[off[0] + r * st[0]] = at;
    }
  });
}

}  // namespace

void ArgReduce(int kind, const Dims& x_shape, const View& x, int64_t dim, const View& values, const View& indices) {
  const char* op = kind == 0 ? "max" : "min";
  const int64_t nd = static_cast<int64_t>(x_shape.size());
  if (dim < 0 || dim >= nd) {
    throw Error(Code::kIndex,
                std::string(op) + ": dim " + std::to_string(dim) + " out of range for shape " + DimsToString(x_shape));
  }
  const int64_t n = x_shape[dim];
  if (n == 0) {
    throw Error(Code::kIndex,
                std::string(op) + "(): Expected reduction dim " + std::to_string(dim) + " to have non-zero size.");
  }
  CheckView(x_shape, x, op, "input");
  CheckSameDtype(values, x, op);
  if (indices.dtype != DType::kI64) throw Error(Code::kDtype, std::string(op) + ": indices must be int64");
  Dims outer_shape = x_shape, outer_strides = x.strides;
  outer_shape.erase(outer_shape.begin() + dim);
  outer_strides.erase(outer_strides.begin() + dim);
  View v = values, ix = indices;
  v.strides = ix.strides = ContiguousStrides(outer_shape);
  CheckOutput(outer_shape, v, op);
  CheckOutput(outer_shape, ix, op);
  VisitDType(x.dtype, [&](auto tag) {
    using T = typename decltype(tag)::type;
    ArgReduceTyped<T>(kind == 0, outer_shape, outer_strides, x, n, x.strides[dim], values.As<T>() + values.offset,
                      indices.As<int64_t>() + indices.offset);
  });
}

}  // namespace tg
