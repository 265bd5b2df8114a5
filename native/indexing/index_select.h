#pragma once
#include "core/view.h"
#include "kernels/table.h"

namespace tg {

// out = x.index_select(dim, index); out is contiguous with x's shape but `n_index` at `dim`.
void IndexSelect(const Dims& x_shape, const View& x, int64_t dim, const int32_t* index, int64_t n_index,
                 const View& out);

// out.index_add_(dim, index, src): out[..., index[i], ...] += src[..., i, ...] (the backward of
// index_select); out is contiguous with `out_shape`, src has out_shape but n_index at `dim`.
void IndexAdd(const KernelTable& kernels, const Dims& out_shape, const View& out, int64_t dim, const int32_t* index,
              int64_t n_index, const View& src);

}  // namespace tg
