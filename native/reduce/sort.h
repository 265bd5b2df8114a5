#pragma once
#include "core/view.h"

namespace tg {

// Sorts every line along the middle dim of x seen as [outer, n, inner] (contiguous) into values
// and indices of the same shape (contiguous), NaN above every number, as PyTorch's CPU kernel:
// std::sort (stable: std::stable_sort) of (value, index) pairs compared by value.
void Sort(const View& x, int64_t outer, int64_t n, int64_t inner, bool descending, bool stable, const View& values,
          const View& indices);

// The k largest (smallest) of every line, as PyTorch's CPU topk: std::partial_sort when
// k * 64 <= n, else std::nth_element and, when sorted, std::sort of the first k - 1; values and
// indices are [outer, k, inner] (contiguous).
void TopK(const View& x, int64_t outer, int64_t n, int64_t inner, int64_t k, bool largest, bool sorted,
          const View& values, const View& indices);

}  // namespace tg
