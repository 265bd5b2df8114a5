#pragma once
#include <napi.h>

namespace tg {

// Adds the kernel exports (fill, copy, binary, unary, sum, matmul, indexSelect, indexAdd, isa) to `exports`.
void RegisterOps(Napi::Env env, Napi::Object exports);

}  // namespace tg
