// Unpacking of N-API arguments, each checked, each failure a tg::Error naming the op. Typed
// arrays come as arguments (one napi call each); every other value (op codes, shapes, strides,
// offsets, scalars) comes through the environment's metadata buffer, which lib/backend/native.ts fills
// before each call: far cheaper than reading JS arrays element by element.
#pragma once
#include <napi.h>

#include <vector>

#include "core/view.h"

namespace tg {

class Args {
 public:
  Args(const Napi::CallbackInfo& info, const char* op, size_t count);

  // The typed array at argument i (Float32/Float64/Int32/Uint8) as a View without geometry.
  View Buffer(size_t i) const;
  // Buffer(i) with strides and offset read next from the metadata.
  View Tensor(size_t i);

  // Sequential reads from the metadata buffer.
  int64_t Int();
  double Number();
  Dims DimList();

 private:
  [[noreturn]] void Fail(size_t i, const char* expected) const;
  [[noreturn]] void MetaFail(const char* expected) const;
  double Next();

  const Napi::CallbackInfo& info_;
  const char* op_;
  const double* meta_;
  size_t meta_len_;
  size_t pos_ = 0;
};

}  // namespace tg
