#pragma once
#include "core/view.h"
#include "kernels/table.h"

namespace tg {

// out = f(x) over n contiguous float elements (ActivationOp `op`, scalar parameters p0, p1).
void Activation(const KernelTable& kernels, int op, int64_t n, const View& x, const View& out, double p0, double p1);

// softmax (log = false) or log_softmax of the contiguous float tensor x along `dim`, into the
// contiguous out of the same shape.
void Softmax(const KernelTable& kernels, bool log, const Dims& shape, const View& x, int64_t dim, const View& out);

}  // namespace tg
