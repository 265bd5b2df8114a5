// Unpacking of N-API arguments, each checked, each failure a tg::Error naming the op.
#pragma once
#include <napi.h>

#include <vector>

#include "core/view.h"

namespace tg {

class Args {
 public:
  Args(const Napi::CallbackInfo& info, const char* op, size_t count);

  int64_t Int(size_t i) const;
  double Number(size_t i) const;
  Dims DimList(size_t i) const;
  // A typed array (Float32/Float64/Int32/Uint8) as a View with the strides and offset that
  // follow it at i + 1 and i + 2.
  View Tensor(size_t i) const;
  // A typed array on its own (strides and offset not given).
  View Buffer(size_t i) const;

 private:
  [[noreturn]] void Fail(size_t i, const char* expected) const;
  const Napi::CallbackInfo& info_;
  const char* op_;
};

}  // namespace tg
