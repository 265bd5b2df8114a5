// Shared by the drivers that work along one dim of a contiguous tensor seen as [outer, n, inner]
// (var/std, cumsum/cumprod, sort/topk): bounds checks and the index output's element type.
#pragma once
#include <cstdint>
#include <string>
#include <type_traits>

#include "core/view.h"

namespace tg {

// Throws unless outer * n * inner elements from v.offset lie in v's buffer.
inline int64_t CheckAlongDim(const View& v, int64_t outer, int64_t n, int64_t inner, const char* op, const char* what) {
  int64_t total = 0;
  if (outer < 0 || n < 0 || inner < 0 || __builtin_mul_overflow(outer, n, &total) ||
      __builtin_mul_overflow(total, inner, &total) || v.offset < 0 || total > v.length - v.offset) {
    throw Error(Code::kArgument, std::string(op) + ": " + what + " of [" + std::to_string(outer) + ", " +
                                     std::to_string(n) + ", " + std::to_string(inner) + "] does not fit its buffer");
  }
  return total;
}

// Calls f(Tag<I>{}) for the integer type of an index output (int32 now, int64 where it exists).
template <class F>
void VisitIndex(DType d, const char* op, F&& f) {
  VisitDType(d, [&](auto tag) {
    using I = typename decltype(tag)::type;
    if constexpr (std::is_integral_v<I> && sizeof(I) >= 4) {
      f(tag);
    } else {
      throw Error(Code::kDtype, std::string(op) + ": indices must be an integer tensor, got " + DTypeName(d));
    }
  });
}

}  // namespace tg
