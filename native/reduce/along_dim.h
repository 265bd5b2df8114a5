// Shared by the drivers that work along one dim of a contiguous tensor seen as [outer, n, inner]
// (var/std, cumsum/cumprod, sort/topk): bounds checks and the index output's element type.
#pragma once
#include <cstdint>
#include <string>

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

}  // namespace tg
