#include "napi/args.h"

#include <cmath>
#include <string>

namespace tg {

Args::Args(const Napi::CallbackInfo& info, const char* op, size_t count) : info_(info), op_(op) {
  if (info.Length() < count) {
    throw Error(Code::kArgument, std::string(op) + ": expected " + std::to_string(count) + " arguments, got " +
                                     std::to_string(info.Length()));
  }
}

void Args::Fail(size_t i, const char* expected) const {
  throw Error(Code::kArgument, std::string(op_) + ": argument " + std::to_string(i) + " must be " + expected);
}

int64_t Args::Int(size_t i) const {
  if (!info_[i].IsNumber()) Fail(i, "an integer");
  const double v = info_[i].As<Napi::Number>().DoubleValue();
  if (!(std::floor(v) == v) || std::fabs(v) > 9007199254740991.0) Fail(i, "an integer");
  return static_cast<int64_t>(v);
}

double Args::Number(size_t i) const {
  if (!info_[i].IsNumber()) Fail(i, "a number");
  return info_[i].As<Napi::Number>().DoubleValue();
}

Dims Args::DimList(size_t i) const {
  if (!info_[i].IsArray()) Fail(i, "an array of integers");
  Napi::Array arr = info_[i].As<Napi::Array>();
  const uint32_t n = arr.Length();
  if (n > 64) Fail(i, "an array of at most 64 integers");
  Dims out(n);
  for (uint32_t j = 0; j < n; ++j) {
    Napi::Value v = arr.Get(j);
    if (!v.IsNumber()) Fail(i, "an array of integers");
    const double d = v.As<Napi::Number>().DoubleValue();
    if (!(std::floor(d) == d) || std::fabs(d) > 9007199254740991.0) Fail(i, "an array of integers");
    out[j] = static_cast<int64_t>(d);
  }
  return out;
}

View Args::Buffer(size_t i) const {
  if (!info_[i].IsTypedArray()) Fail(i, "a typed array");
  Napi::TypedArray ta = info_[i].As<Napi::TypedArray>();
  View v;
  switch (ta.TypedArrayType()) {
    case napi_float32_array: v.dtype = DType::kF32; break;
    case napi_float64_array: v.dtype = DType::kF64; break;
    case napi_int32_array: v.dtype = DType::kI32; break;
    case napi_uint8_array: v.dtype = DType::kBool; break;
    default: Fail(i, "a Float32Array, Float64Array, Int32Array or Uint8Array");
  }
  v.length = static_cast<int64_t>(ta.ElementLength());
  Napi::ArrayBuffer ab = ta.ArrayBuffer();
  v.data = v.length ? static_cast<uint8_t*>(ab.Data()) + ta.ByteOffset() : nullptr;
  return v;
}

View Args::Tensor(size_t i) const {
  View v = Buffer(i);
  v.strides = DimList(i + 1);
  v.offset = Int(i + 2);
  return v;
}

}  // namespace tg
