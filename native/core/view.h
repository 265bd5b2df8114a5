// A typed buffer seen through strides and an offset; the shape travels beside it because the
// operands of one op share it.
#pragma once
#include <cstdint>
#include <string>

#include "core/dtype.h"
#include "core/shape.h"

namespace tg {

struct View {
  void* data = nullptr;
  int64_t length = 0;  // elements in the buffer
  DType dtype = DType::kF32;
  Dims strides;
  int64_t offset = 0;

  template <class T>
  T* As() const {
    return static_cast<T*>(data);
  }
};

inline void CheckView(const Dims& shape, const View& v, const char* op, const char* what) {
  CheckInBounds(shape, v.strides, v.offset, v.length, op, what);
}

// An output must not write one element twice: fewer elements than its buffer holds, which
// also bounds the work an absurd broadcast shape could ask for.
inline void CheckOutput(const Dims& shape, const View& v, const char* op) {
  CheckView(shape, v, op, "output");
  if (Numel(shape, op) > v.length) {
    throw Error(Code::kArgument, std::string(op) + ": output of shape " + DimsToString(shape) +
                                     " has more elements than its buffer (" + std::to_string(v.length) + ")");
  }
}

inline void CheckSameDtype(const View& a, const View& b, const char* op) {
  if (a.dtype != b.dtype) {
    throw Error(Code::kDtype,
                std::string(op) + ": dtype mismatch, " + DTypeName(a.dtype) + " and " + DTypeName(b.dtype));
  }
}

}  // namespace tg
