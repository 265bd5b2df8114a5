#pragma once
#include "core/view.h"

namespace tg {

// Variance (sum of squared deviations / max(0, n - correction)) and mean over the middle dim of
// x seen as [outer, n, inner] (contiguous from x.offset), both written as [outer, inner] in x's
// dtype. Two passes in double: the mean, then the squared deviations from it.
void VarMean(const View& x, int64_t outer, int64_t n, int64_t inner, double correction, const View& var,
             const View& mean);

}  // namespace tg
