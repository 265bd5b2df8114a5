// Batched dense factorizations with LAPACK's semantics on contiguous row-major [batch, m, n]
// buffers: LU with partial pivoting (getrf/getrs), Cholesky (potrf, lower), Householder QR
// (geqrf/orgqr). Unblocked: the TS layer routes matrices of the sizes PyTorch users batch here;
// threads split the batch.
#pragma once
#include <cstdint>

#include "core/view.h"
#include "kernels/table.h"

namespace tg {

// a [batch, n, n] in place -> L (unit, below the diagonal) and U; piv [batch, n] (int32, 1-based
// rows as LAPACK's ipiv); info [batch] (int32): 0, or the 1-based index of the first zero pivot.
void LuFactor(const KernelTable& kernels, int64_t batch, int64_t n, const View& a, const View& piv, const View& info);

// b [batch, n, k] in place <- A^-1 b from LuFactor's lu and piv of A, or (trans) of A^T.
void LuSolve(const KernelTable& kernels, int64_t batch, int64_t n, int64_t k, bool trans, const View& lu,
             const View& piv, const View& b);

// b [batch, n, k] (contiguous) in place <- A^-1 b for A [batch, n, n] of any strides (a's
// strides: batch, row, column), its factors in scratch: of A^T when `trans` (PyTorch's choice for
// a row-major A, which fixes which pivot `info` names); info [batch] as LuFactor's, b untouched
// where it is nonzero.
void FactorSolve(const KernelTable& kernels, int64_t batch, int64_t n, int64_t k, bool trans, const View& a,
                 const View& b, const View& info);

// a [batch, n, n] in place -> L (lower, the strict upper part zeroed), reading the lower
// triangle only; info [batch]: 0, or the order of the first leading minor that is not positive.
void Cholesky(const KernelTable& kernels, int64_t batch, int64_t n, const View& a, const View& info);

// a [batch, m, n] in place -> R (the upper triangle; below it zeroed); q [batch, m, kq] <- the
// first kq columns of Q (kq = 0: no Q). Reflectors as LAPACK's dlarfg (R's diagonal may be negative).
void Qr(const KernelTable& kernels, int64_t batch, int64_t m, int64_t n, int64_t kq, const View& a, const View& q);

}  // namespace tg
