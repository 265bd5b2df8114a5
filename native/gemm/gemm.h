// BLIS-style GEMM driver: packs B panels and A panels (any strides, so transposes cost nothing
// extra; A with contiguous rows is read in place where the table says so), blocks for the caches
// (NC/KC/MC) and runs the ISA's register micro-kernel on MR x NR tiles; the micro-kernels, the
// packing and the blocking come from the kernel table's GEMM slot.
#pragma once
#include <cstdint>

#include "core/view.h"
#include "kernels/table.h"

namespace tg {

// A matrix operand: element pointer plus row and column strides in elements.
template <class T>
struct MatRef {
  const T* data;
  int64_t rs;
  int64_t cs;
};

// C[m x n] (row stride ldc, unit column stride) = A[m x k] * B[k x n].
template <class T>
void Gemm(const KernelTable& kernels, int64_t m, int64_t n, int64_t k, MatRef<T> a, MatRef<T> b, T* c, int64_t ldc);

// out[batch, m, n] = a[batch, m, k] @ b[batch, k, n]; shapes are 3-D (the TS layer folds and
// broadcasts batch dims into strides, 0 for a broadcast batch); out is contiguous.
void Matmul(const KernelTable& kernels, const Dims& a_shape, const View& a, const Dims& b_shape, const View& b,
            const View& out);

}  // namespace tg
