// The element types and the one switch that turns a runtime tag into a C++ type.
#pragma once
#include <cstddef>
#include <cstdint>

#include "core/error.h"

namespace tg {

// Values match lib/dtype.ts.
enum class DType : int { kF32 = 0, kF64 = 1, kI32 = 2, kBool = 3, kI64 = 4 };

template <class T>
struct Tag {
  using type = T;
};

inline const char* DTypeName(DType d) {
  switch (d) {
    case DType::kF32: return "float32";
    case DType::kF64: return "float64";
    case DType::kI32: return "int32";
    case DType::kBool: return "bool";
    case DType::kI64: return "int64";
  }
  return "?";
}

inline size_t DTypeSize(DType d) {
  switch (d) {
    case DType::kF32: return 4;
    case DType::kF64: return 8;
    case DType::kI32: return 4;
    case DType::kBool: return 1;
    case DType::kI64: return 8;
  }
  return 0;
}

// Calls f(Tag<T>{}) for the C++ type of d. bool is stored as uint8_t.
template <class F>
decltype(auto) VisitDType(DType d, F&& f) {
  switch (d) {
    case DType::kF32: return f(Tag<float>{});
    case DType::kF64: return f(Tag<double>{});
    case DType::kI32: return f(Tag<int32_t>{});
    case DType::kBool: return f(Tag<uint8_t>{});
    case DType::kI64: return f(Tag<int64_t>{});
  }
  throw Error(Code::kDtype, "unknown dtype tag");
}

// Like VisitDType for the floating types only.
template <class F>
decltype(auto) VisitFloat(DType d, const char* op, F&& f) {
  switch (d) {
    case DType::kF32: return f(Tag<float>{});
    case DType::kF64: return f(Tag<double>{});
    default: break;
  }
  throw Error(Code::kDtype, std::string(op) + ": expected float32 or float64, got " + DTypeName(d));
}

// Like VisitDType for index dtypes only (int32 and int64, as every index argument accepts).
template <class F>
decltype(auto) VisitIndex(DType d, const char* op, F&& f) {
  switch (d) {
    case DType::kI32: return f(Tag<int32_t>{});
    case DType::kI64: return f(Tag<int64_t>{});
    default: break;
  }
  throw Error(Code::kDtype, std::string(op) + ": index must be int32 or int64, got " + DTypeName(d));
}

}  // namespace tg
