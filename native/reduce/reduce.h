#pragma once
#include <vector>

#include "core/view.h"

namespace tg {

// out[kept dims] = sum of x over the dims flagged in `reduce`; out is contiguous.
void ReduceSum(const Dims& x_shape, const View& x, const std::vector<bool>& reduce, const View& out,
               double divisor);

}  // namespace tg
