#pragma once
#include "core/view.h"

namespace tg {

// out[i][j][k] = x[index[i][j][k]][j][k] (for dim 0; likewise for other dims). out is contiguous
// with the index's shape.
void Gather(const Dims& x_shape, const View& x, int64_t dim, const Dims& index_shape, const View& index,
            const View& out);

// out (contiguous, `out_shape`, zero-filled by the caller) at index[i][j][k] along dim += src[i][j][k].
void ScatterAdd(const Dims& out_shape, const View& out, int64_t dim, const Dims& index_shape, const View& index,
                const View& src);

}  // namespace tg
