#pragma once
#include "core/view.h"
#include "kernels/table.h"

namespace tg {

// out[kept dims] = sum of x over the dims whose `reduce` flag is nonzero; out is contiguous.
void ReduceSum(const KernelTable& kernels, const Dims& x_shape, const View& x, const Dims& reduce, const View& out,
               double divisor);

}  // namespace tg
