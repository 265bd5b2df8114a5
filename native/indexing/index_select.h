#pragma once
#include "core/view.h"

namespace tg {

// out = x.index_select(dim, index); out is contiguous with x's shape but `n_index` at `dim`.
void IndexSelect(const Dims& x_shape, const View& x, int64_t dim, const int32_t* index, int64_t n_index,
                 const View& out);

}  // namespace tg
