#include <cstdint>

#include "elementwise/elementwise.h"

namespace tg {
namespace {

// The bytes [lo, hi) that `v` touches over `shape` (which has no zero-size dim).
void Extent(const Dims& shape, const View& v, uintptr_t* lo, uintptr_t* hi) {
  int64_t first = v.offset, last = v.offset;
  for (size_t d = 0; d < shape.size(); ++d) {
    const int64_t span = v.strides[d] * (shape[d] - 1);
    if (span < 0)
      first += span;
    else
      last += span;
  }
  const uintptr_t base = reinterpret_cast<uintptr_t>(v.data);
  const uintptr_t size = DTypeSize(v.dtype);
  *lo = base + static_cast<uintptr_t>(first) * size;
  *hi = base + static_cast<uintptr_t>(last + 1) * size;
}

}  // namespace

bool SplitSafe(const Dims& shape, const View& out, std::initializer_list<const View*> inputs) {
  const Dims dense = ContiguousStrides(shape);
  for (size_t d = 0; d < shape.size(); ++d) {
    if (shape[d] > 1 && out.strides[d] != dense[d]) return false;
  }
  uintptr_t out_lo, out_hi;
  Extent(shape, out, &out_lo, &out_hi);
  const uintptr_t out_at =
      reinterpret_cast<uintptr_t>(out.data) + static_cast<uintptr_t>(out.offset) * DTypeSize(out.dtype);
  for (const View* in : inputs) {
    uintptr_t lo, hi;
    Extent(shape, *in, &lo, &hi);
    if (hi <= out_lo || lo >= out_hi) continue;  // disjoint
    // Overlapping: safe only as an exact in-place operand (same start, dtype and strides).
    const uintptr_t at =
        reinterpret_cast<uintptr_t>(in->data) + static_cast<uintptr_t>(in->offset) * DTypeSize(in->dtype);
    if (at != out_at || in->dtype != out.dtype) return false;
    for (size_t d = 0; d < shape.size(); ++d) {
      if (shape[d] > 1 && in->strides[d] != out.strides[d]) return false;
    }
  }
  return true;
}

}  // namespace tg
