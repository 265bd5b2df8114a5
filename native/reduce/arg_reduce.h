#pragma once
#include "core/view.h"

namespace tg {

// Max (kind 0) or min (kind 1) of x along `dim`, with the index of the first extreme element;
// NaN wins as in PyTorch (the first NaN). values/indices are contiguous with x's shape less `dim`.
void ArgReduce(int kind, const Dims& x_shape, const View& x, int64_t dim, const View& values, const View& indices);

}  // namespace tg
