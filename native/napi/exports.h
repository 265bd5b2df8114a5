#pragma once
#include <napi.h>

namespace tg {

// Adds the kernel exports (fill, copy, binary, unary, compare, where, sum, argReduce,
// matmul, indexSelect, indexAdd, gather, scatterAdd, isa) to `exports`.
void RegisterOps(Napi::Env env, Napi::Object exports);

}  // namespace tg
