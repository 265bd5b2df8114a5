#pragma once
#include "core/view.h"

namespace tg {

// Running sum (kind 0) or product (kind 1) along the middle dim of x seen as [outer, n, inner]
// (contiguous), into out of the same shape and dtype. As PyTorch's CPU kernel: each line is
// accumulated in order in double (floats) or int64 (integers), every step rounded to the dtype.
void Cumulative(int kind, const View& x, int64_t outer, int64_t n, int64_t inner, const View& out);

}  // namespace tg
