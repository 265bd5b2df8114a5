// Checks and helpers shared by the linalg drivers (factor.cc, qr.cc).
#pragma once
#include <algorithm>
#include <cstdint>
#include <string>

#include "core/view.h"
#include "kernels/table.h"

namespace tg {
namespace linalg {

inline void CheckBuffer(const View& v, int64_t need, const char* op, const char* what) {
  if (need < 0 || v.length < need) {
    throw Error(Code::kArgument, std::string(op) + ": " + what + " holds " + std::to_string(v.length) +
                                     " elements, needs " + std::to_string(need));
  }
}

inline void CheckInt(const View& v, const char* op, const char* what) {
  if (v.dtype != DType::kI32) throw Error(Code::kDtype, std::string(op) + ": " + what + " must be int32");
}

inline void CheckSizes(int64_t batch, int64_t m, int64_t n, const char* op) {
  if (batch < 0 || m < 0 || n < 0 || (m > 0 && n > (int64_t{1} << 40) / m)) {
    throw Error(Code::kArgument, std::string(op) + ": bad sizes");
  }
}

// y += alpha x over k elements: the ISA's kernel for long runs, a loop for short ones.
template <class T>
inline void Axpy(const TypedKernels<T>& kt, int64_t k, T alpha, const T* x, T* y) {
  if (k >= 8) {
    kt.axpy(k, alpha, x, y);
  } else {
    for (int64_t c = 0; c < k; ++c) y[c] += alpha * x[c];
  }
}

// Batch elements per parallel chunk: about 2^16 multiply-adds of work each.
inline int64_t Grain(int64_t work_per_item) {
  return std::max<int64_t>(1, (int64_t{1} << 16) / std::max<int64_t>(1, work_per_item));
}

}  // namespace linalg
}  // namespace tg
