// Portable elementwise drivers: strided N-d loops over the ISA's contiguous-run kernels.
#pragma once
#include "core/view.h"
#include "kernels/table.h"

namespace tg {

const char* BinaryOpName(int op);
const char* UnaryOpName(int op);

// out = a (op) b over `shape`; all three share a dtype; a and b may broadcast (stride 0).
void Binary(int op, const Dims& shape, const View& out, const View& a, const View& b);
// out = op(x) over `shape`.
void Unary(int op, const Dims& shape, const View& out, const View& x);
const char* CompareOpName(int op);

// out (bool) = a (cmp) b; a and b share a dtype (any, bool included).
void CompareOp(int op, const Dims& shape, const View& out, const View& a, const View& b);
// out = cond ? a : b; cond is bool, out/a/b share a dtype.
void Where(const Dims& shape, const View& out, const View& cond, const View& a, const View& b);
// y += alpha * x over `n` contiguous elements of float buffers (the fused SGD-style update).
void Axpy(int64_t n, double alpha, const View& x, const View& y);

// dst = src, converting the element type as PyTorch's .to() does.
void Copy(const Dims& shape, const View& dst, const View& src);
// Every element of dst = value.
void Fill(const Dims& shape, const View& dst, double value);

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
