#include "napi/args.h"

#include <cmath>
#include <string>

#include "napi/guard.h"

namespace tg {

Args::Args(const Napi::CallbackInfo& info, const char* op, size_t count) : info_(info), op_(op) {
  if (info.Length() < count) {
    throw Error(Code::kArgument, std::string(op) + ": expected " + std::to_string(count) + " arguments, got " +
                                     std::to_string(info.Length()));
  }
  const AddonData* data = info.Env().GetInstanceData<AddonData>();
  if (data == nullptr || data->meta == nullptr) throw Error(Code::kState, std::string(op) + ": addon not initialised");
  meta_ = data->meta;
  meta_len_ = data->meta_len;
}

void Args::Fail(size_t i, const char* expected) const {
  throw Error(Code::kArgument, std::string(op_) + ": argument " + std::to_string(i) + " must be " + expected);
}

void Args::MetaFail(const char* expected) const {
  throw Error(Code::kArgument, std::string(op_) + ": metadata entry " + std::to_string(pos_) + " must be " + expected);
}

double Args::Next() {
  if (pos_ >= meta_len_) MetaFail("present (metadata overrun)");
  return meta_[pos_++];
}

int64_t Args::Int() {
  const double v = Next();
  if (!(std::floor(v) == v) || std::fabs(v) > 9007199254740991.0) MetaFail("an integer");
  return static_cast<int64_t>(v);
}

double Args::Number() { return Next(); }

Dims Args::DimList() {
  const int64_t n = Int();
  if (n < 0 || n > 64) MetaFail("a dimension count from 0 to 64");
  Dims out(static_cast<size_t>(n));
  for (int64_t j = 0; j < n; ++j) out[j] = Int();
  return out;
}

View Args::Buffer(size_t i) const {
  napi_typedarray_type type;
  size_t length = 0;
  void* data = nullptr;
  // One call answers both "is it a typed array" (napi_invalid_arg otherwise) and its layout.
  if (napi_get_typedarray_info(info_.Env(), info_[i], &type, &length, &data, nullptr, nullptr) != napi_ok) {
    napi_value pending;
    napi_get_and_clear_last_exception(info_.Env(), &pending);
    Fail(i, "a typed array");
  }
  View v;
  switch (type) {
    case napi_float32_array: v.dtype = DType::kF32; break;
    case napi_float64_array: v.dtype = DType::kF64; break;
    case napi_int32_array: v.dtype = DType::kI32; break;
    case napi_uint8_array: v.dtype = DType::kBool; break;
    case napi_bigint64_array: v.dtype = DType::kI64; break;
    default: Fail(i, "a Float32Array, Float64Array, Int32Array, Uint8Array or BigInt64Array");
  }
  v.length = static_cast<int64_t>(length);
  v.data = length ? data : nullptr;
  return v;
}

View Args::Tensor(size_t i) {
  View v = Buffer(i);
  v.strides = DimList();
  v.offset = Int();
  return v;
}

}  // namespace tg
