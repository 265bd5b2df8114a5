#include "core/shape.h"

namespace tg {

std::string DimsToString(const Dims& d) {
  std::string s = "[";
  for (size_t i = 0; i < d.size(); ++i) {
    if (i) s += ", ";
    s += std::to_string(d[i]);
  }
  return s + "]";
}

int64_t Numel(const Dims& shape, const char* op) {
  int64_t n = 1;
  for (int64_t s : shape) {
    if (s < 0) throw Error(Code::kArgument, std::string(op) + ": negative size in shape " + DimsToString(shape));
    if (s != 0 && n > INT64_MAX / s) {
      throw Error(Code::kArgument, std::string(op) + ": shape " + DimsToString(shape) + " has too many elements");
    }
    n *= s;
  }
  return n;
}

Dims ContiguousStrides(const Dims& shape) {
  Dims st(shape.size());
  int64_t s = 1;
  for (size_t i = shape.size(); i-- > 0;) {
    st[i] = s;
    s *= shape[i] > 0 ? shape[i] : 1;
  }
  return st;
}

void CheckInBounds(const Dims& shape, const Dims& strides, int64_t offset, int64_t length, const char* op,
                   const char* what) {
  if (shape.size() != strides.size()) {
    throw Error(Code::kArgument, std::string(op) + ": " + what + " has " + std::to_string(strides.size()) +
                                     " strides for shape " + DimsToString(shape));
  }
  // Bounding sizes, strides and the offset by 2^40 keeps every product below from overflowing.
  const int64_t kLimit = int64_t(1) << 40;
  for (size_t d = 0; d < shape.size(); ++d) {
    if (shape[d] > kLimit || strides[d] > kLimit || strides[d] < -kLimit) {
      throw Error(Code::kArgument, std::string(op) + ": " + what + " size or stride out of range");
    }
  }
  if (offset > kLimit || offset < -kLimit)
    throw Error(Code::kArgument, std::string(op) + ": " + what + " offset out of range");
  if (Numel(shape, op) == 0) return;
  int64_t lo = offset, hi = offset;
  for (size_t d = 0; d < shape.size(); ++d) {
    const int64_t span = (shape[d] - 1) * strides[d];
    if (span >= 0)
      hi += span;
    else
      lo += span;
  }
  if (lo < 0 || hi >= length) {
    throw Error(Code::kIndex, std::string(op) + ": " + what + " of shape " + DimsToString(shape) +
                                  " reaches elements [" + std::to_string(lo) + ", " + std::to_string(hi) +
                                  "] of a buffer of " + std::to_string(length));
  }
}

}  // namespace tg
