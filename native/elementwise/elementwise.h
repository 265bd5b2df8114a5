// Portable elementwise drivers: strided N-d loops over the ISA's contiguous-run kernels.
#pragma once
#include <algorithm>
#include <initializer_list>

#include "core/parallel.h"
#include "core/view.h"
#include "kernels/table.h"

namespace tg {

const char* BinaryOpName(int op);
const char* UnaryOpName(int op);

// The drivers that run ISA kernels take the kernel table to run them from (the N-API layer passes
// Kernels(); tests pass each table the CPU supports).

// out = a (op) b over `shape`; all three share a dtype; a and b may broadcast (stride 0).
void Binary(const KernelTable& kernels, int op, const Dims& shape, const View& out, const View& a, const View& b);
// out = op(x) over `shape`.
void Unary(const KernelTable& kernels, int op, const Dims& shape, const View& out, const View& x);
const char* CompareOpName(int op);

// out (bool) = a (cmp) b; a and b share a dtype (any, bool included).
void CompareOp(int op, const Dims& shape, const View& out, const View& a, const View& b);
// out = cond ? a : b; cond is bool, out/a/b share a dtype.
void Where(const Dims& shape, const View& out, const View& cond, const View& a, const View& b);
// y += alpha * x over `n` contiguous elements of float buffers (the fused SGD-style update).
void Axpy(const KernelTable& kernels, int64_t n, double alpha, const View& x, const View& y);

// dst = src, converting the element type as PyTorch's .to() does.
void Copy(const Dims& shape, const View& dst, const View& src);
// Every element of dst = value.
void Fill(const Dims& shape, const View& dst, double value);

// Elementwise work on at least this many elements is split over the thread pool.
constexpr int64_t kParallelElems = 1 << 17;

// Whether a split of `out`'s elements into ranges is race-free: `out` is dense row-major (no
// element written twice) and every input either reads exactly the element it writes (in place)
// or does not touch `out`'s memory at all.
bool SplitSafe(const Dims& shape, const View& out, std::initializer_list<const View*> inputs);

// Calls f(sub_shape, out, inputs...) once, or, from kParallelElems elements on and when
// SplitSafe, over ranges of the outermost dim longer than 1 on the pool, each call's views
// starting at its range. Results are those of one call: every element is computed alike.
template <class F, class... V>
void SplitOuter(const Dims& shape, F&& f, const View& out, const V&... in) {
  size_t d = 0;
  while (d < shape.size() && shape[d] < 2) ++d;
  const int64_t numel = Numel(shape, "elementwise");
  if (numel < kParallelElems || d == shape.size() || GetNumThreads() < 2 || !SplitSafe(shape, out, {&in...})) {
    return f(shape, out, in...);
  }
  const int64_t n = shape[d];
  const int64_t grain = std::max<int64_t>(1, kParallelElems / 2 / (numel / n));
  auto at = [d](const View& v, int64_t r0) {
    View s = v;
    s.offset += r0 * v.strides[d];
    return s;
  };
  ParallelFor(n, grain, [&](int64_t r0, int64_t r1) {
    Dims sub = shape;
    sub[d] = r1 - r0;
    f(sub, at(out, r0), at(in, r0)...);
  });
}

// Gather-compute-scatter helper for runs that are not unit-stride: packs up to kChunk elements
// of each strided input into a stack buffer so the contiguous kernels can run on them.
constexpr int64_t kChunk = 256;

template <class T>
inline const T* GatherChunk(const T* base, int64_t stride, int64_t n, T* buf) {
  if (stride == 1) return base;
  for (int64_t i = 0; i < n; ++i) buf[i] = base[i * stride];
  return buf;
}

}  // namespace tg
