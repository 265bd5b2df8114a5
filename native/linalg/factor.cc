#include "linalg/factor.h"

#include <algorithm>
#include <cmath>
#include <string>
#include <vector>

#include "core/parallel.h"
#include "gemm/gemm.h"
#include "linalg/common.h"

namespace tg {
namespace {

using linalg::Axpy;
using linalg::CheckBuffer;
using linalg::CheckInt;
using linalg::CheckSizes;
using linalg::Grain;

// Column j of getrf: the pivot (the largest |a[i][j]|, i >= j, the first on ties), its row swapped
// in whole (as dlaswp does) and the multipliers below it; a zero pivot records info = j + 1.
template <class T>
void PivotColumn(int64_t n, T* a, int64_t j, int32_t* piv, int32_t* info) {
  int64_t p = j;
  T best = std::abs(a[j * n + j]);
  for (int64_t i = j + 1; i < n; ++i) {
    const T v = std::abs(a[i * n + j]);
    if (v > best) {
      best = v;
      p = i;
    }
  }
  piv[j] = static_cast<int32_t>(p + 1);
  if (a[p * n + j] != T(0)) {
    if (p != j) std::swap_ranges(a + j * n, a + j * n + n, a + p * n);
    const T r = T(1) / a[j * n + j];
    for (int64_t i = j + 1; i < n; ++i) a[i * n + j] *= r;
  } else if (*info == 0) {
    *info = static_cast<int32_t>(j + 1);
  }
}

template <class T>
void LuOne(const TypedKernels<T>& k, int64_t n, T* a, int32_t* piv, int32_t* info) {
  *info = 0;
  for (int64_t j = 0; j < n; ++j) {
    PivotColumn(n, a, j, piv, info);
    // The trailing update, row by row (contiguous runs, the ISA's axpy).
    const T* urow = a + j * n;
    for (int64_t i = j + 1; i < n; ++i) {
      T* row = a + i * n;
      const T l = row[j];
      if (l == T(0) || j + 1 == n) continue;
      Axpy(k, n - j - 1, -l, urow + j + 1, row + j + 1);
    }
  }
}

// Right-looking blocked getrf: an unblocked panel of kBlock columns (row interchanges applied to
// whole rows, as dlaswp does), the triangular solve of the block row, then the trailing update
// as one GEMM (the ISA's micro-kernel) into `tmp` [(n - kBlock)^2] and a subtraction.
constexpr int64_t kBlock = 16;

template <class T>
void LuBlocked(const KernelTable& kernels, int64_t n, T* a, int32_t* piv, int32_t* info, T* tmp) {
  const TypedKernels<T>& k = kernels.For<T>();
  *info = 0;
  for (int64_t j0 = 0; j0 < n; j0 += kBlock) {
    const int64_t je = std::min(n, j0 + kBlock);
    for (int64_t j = j0; j < je; ++j) {
      PivotColumn(n, a, j, piv, info);
      const T* urow = a + j * n;
      for (int64_t i = j + 1; i < n; ++i) {
        T* row = a + i * n;
        const T l = row[j];
        if (l == T(0)) continue;
        for (int64_t c = j + 1; c < je; ++c) row[c] -= l * urow[c];
      }
    }
    if (je == n) break;
    const int64_t rest = n - je;
    for (int64_t r = j0 + 1; r < je; ++r) {  // A12 <- L11^-1 A12
      for (int64_t c = j0; c < r; ++c) {
        const T l = a[r * n + c];
        if (l != T(0)) Axpy(k, rest, -l, a + c * n + je, a + r * n + je);
      }
    }
    Gemm<T>(kernels, rest, rest, je - j0, MatRef<T>{a + je * n + j0, n, 1}, MatRef<T>{a + j0 * n + je, n, 1}, tmp,
            rest);
    for (int64_t i = 0; i < rest; ++i) {
      T* row = a + (je + i) * n + je;
      const T* t = tmp + i * rest;
      for (int64_t c = 0; c < rest; ++c) row[c] -= t[c];
    }
  }
}

template <class T>
void LuSolveOne(const TypedKernels<T>& kt, int64_t n, int64_t k, const T* lu, const int32_t* piv, T* b) {
  for (int64_t i = 0; i < n; ++i) {
    const int64_t p = piv[i] - 1;
    if (p != i) std::swap_ranges(b + i * k, b + i * k + k, b + p * k);
  }
  for (int64_t i = 0; i < n; ++i) {  // L y = P b (unit diagonal)
    T* bi = b + i * k;
    for (int64_t j = 0; j < i; ++j) {
      const T l = lu[i * n + j];
      if (l == T(0)) continue;
      const T* bj = b + j * k;
      Axpy(kt, k, -l, bj, bi);
    }
  }
  for (int64_t i = n - 1; i >= 0; --i) {  // U x = y
    T* bi = b + i * k;
    for (int64_t j = i + 1; j < n; ++j) {
      const T u = lu[i * n + j];
      if (u == T(0)) continue;
      const T* bj = b + j * k;
      Axpy(kt, k, -u, bj, bi);
    }
    const T r = T(1) / lu[i * n + i];
    for (int64_t c = 0; c < k; ++c) bi[c] *= r;
  }
}

// b <- A^-1 b where lu holds the factors of A^T (LAPACK's getrs with trans): A = U^T L^T P^T.
template <class T>
void LuSolveTransOne(const TypedKernels<T>& kt, int64_t n, int64_t k, const T* lu, const int32_t* piv, T* b) {
  for (int64_t j = 0; j < n; ++j) {  // U^T z = b (lower, row j of U is column j of U^T)
    T* bj = b + j * k;
    const T r = T(1) / lu[j * n + j];
    for (int64_t c = 0; c < k; ++c) bj[c] *= r;
    for (int64_t i = j + 1; i < n; ++i) {
      const T u = lu[j * n + i];
      if (u == T(0)) continue;
      T* bi = b + i * k;
      Axpy(kt, k, -u, bj, bi);
    }
  }
  for (int64_t j = n - 1; j >= 0; --j) {  // L^T w = z (unit upper)
    const T* bj = b + j * k;
    for (int64_t i = 0; i < j; ++i) {
      const T l = lu[j * n + i];
      if (l == T(0)) continue;
      T* bi = b + i * k;
      Axpy(kt, k, -l, bj, bi);
    }
  }
  for (int64_t i = n - 1; i >= 0; --i) {  // x = P w
    const int64_t p = piv[i] - 1;
    if (p != i) std::swap_ranges(b + i * k, b + i * k + k, b + p * k);
  }
}

template <class T>
void CholeskyOne(const TypedKernels<T>& k, int64_t n, T* a, int32_t* info) {
  *info = 0;
  for (int64_t j = 0; j < n; ++j) {
    const T* rj = a + j * n;
    T d = rj[j] - (j > 0 ? k.dot(rj, rj, j) : T(0));
    if (!(d > T(0))) {
      *info = static_cast<int32_t>(j + 1);
      return;
    }
    d = std::sqrt(d);
    a[j * n + j] = d;
    for (int64_t i = j + 1; i < n; ++i) {
      T* ri = a + i * n;
      ri[j] = (ri[j] - (j > 0 ? k.dot(ri, rj, j) : T(0))) / d;
    }
  }
  for (int64_t i = 0; i < n; ++i)
    for (int64_t c = i + 1; c < n; ++c) a[i * n + c] = T(0);
}

}  // namespace

void LuFactor(const KernelTable& kernels, int64_t batch, int64_t n, const View& a, const View& piv, const View& info) {
  const char* op = "lu_factor";
  CheckSizes(batch, n, n, op);
  CheckBuffer(a, batch * n * n, op, "A");
  CheckInt(piv, op, "pivots");
  CheckInt(info, op, "info");
  CheckBuffer(piv, batch * n, op, "pivots");
  CheckBuffer(info, batch, op, "info");
  VisitFloat(a.dtype, op, [&](auto tag) {
    using T = typename decltype(tag)::type;
    T* pa = a.As<T>();
    int32_t* pp = piv.As<int32_t>();
    int32_t* pi = info.As<int32_t>();
    ParallelFor(batch, Grain(n * n * n / 3 + 1), [&](int64_t b0, int64_t b1) {
      if (n <= 2 * kBlock) {
        for (int64_t b = b0; b < b1; ++b) LuOne<T>(kernels.For<T>(), n, pa + b * n * n, pp + b * n, pi + b);
        return;
      }
      std::vector<T> tmp(static_cast<size_t>((n - kBlock) * (n - kBlock)));
      for (int64_t b = b0; b < b1; ++b) LuBlocked<T>(kernels, n, pa + b * n * n, pp + b * n, pi + b, tmp.data());
    });
  });
}

void LuSolve(const KernelTable& kernels, int64_t batch, int64_t n, int64_t k, bool trans, const View& lu,
             const View& piv, const View& b) {
  const char* op = "lu_solve";
  CheckSizes(batch, n, n, op);
  CheckSizes(batch, n, k, op);
  CheckBuffer(lu, batch * n * n, op, "LU");
  CheckInt(piv, op, "pivots");
  CheckBuffer(piv, batch * n, op, "pivots");
  CheckBuffer(b, batch * n * k, op, "B");
  CheckSameDtype(lu, b, op);
  VisitFloat(b.dtype, op, [&](auto tag) {
    using T = typename decltype(tag)::type;
    const T* pl = lu.As<T>();
    const int32_t* pp = piv.As<int32_t>();
    for (int64_t i = 0; i < batch * n; ++i) {
      if (pp[i] < 1 || pp[i] > n) throw Error(Code::kArgument, std::string(op) + ": pivot out of range");
    }
    T* pb = b.As<T>();
    ParallelFor(batch, Grain(n * n * k + 1), [&](int64_t b0, int64_t b1) {
      for (int64_t i = b0; i < b1; ++i) {
        if (trans) {
          LuSolveTransOne<T>(kernels.For<T>(), n, k, pl + i * n * n, pp + i * n, pb + i * n * k);
        } else {
          LuSolveOne<T>(kernels.For<T>(), n, k, pl + i * n * n, pp + i * n, pb + i * n * k);
        }
      }
    });
  });
}

void Cholesky(const KernelTable& kernels, int64_t batch, int64_t n, const View& a, const View& info) {
  const char* op = "cholesky";
  CheckSizes(batch, n, n, op);
  CheckBuffer(a, batch * n * n, op, "A");
  CheckInt(info, op, "info");
  CheckBuffer(info, batch, op, "info");
  VisitFloat(a.dtype, op, [&](auto tag) {
    using T = typename decltype(tag)::type;
    T* pa = a.As<T>();
    int32_t* pi = info.As<int32_t>();
    ParallelFor(batch, Grain(n * n * n / 6 + 1), [&](int64_t b0, int64_t b1) {
      for (int64_t b = b0; b < b1; ++b) CholeskyOne<T>(kernels.For<T>(), n, pa + b * n * n, pi + b);
    });
  });
}

void FactorSolve(const KernelTable& kernels, int64_t batch, int64_t n, int64_t k, bool trans, const View& a,
                 const View& b, const View& info) {
  const char* op = "solve";
  CheckSizes(batch, n, n, op);
  CheckSizes(batch, n, k, op);
  CheckView(Dims{batch, n, n}, a, op, "A");
  CheckBuffer(b, batch * n * k, op, "B");
  CheckInt(info, op, "info");
  CheckBuffer(info, batch, op, "info");
  CheckSameDtype(a, b, op);
  VisitFloat(b.dtype, op, [&](auto tag) {
    using T = typename decltype(tag)::type;
    const T* pa = a.As<T>() + a.offset;
    T* pb = b.As<T>();
    int32_t* pi = info.As<int32_t>();
    const int64_t sb = a.strides[0], sr = a.strides[1], sc = a.strides[2];
    ParallelFor(batch, Grain(n * n * n / 3 + n * n * k + 1), [&](int64_t b0, int64_t b1) {
      // The factors live in per-chunk scratch: a solve keeps only X.
      std::vector<T> lu(static_cast<size_t>(n * n) + 1),
          tmp(n > 2 * kBlock ? static_cast<size_t>((n - kBlock) * (n - kBlock)) : 1);
      std::vector<int32_t> piv(static_cast<size_t>(n) + 1);
      for (int64_t e = b0; e < b1; ++e) {
        const T* src = pa + e * sb;
        for (int64_t i = 0; i < n; ++i)
          for (int64_t j = 0; j < n; ++j) lu[i * n + j] = trans ? src[j * sr + i * sc] : src[i * sr + j * sc];
        if (n <= 2 * kBlock) {
          LuOne<T>(kernels.For<T>(), n, lu.data(), piv.data(), pi + e);
        } else {
          LuBlocked<T>(kernels, n, lu.data(), piv.data(), pi + e, tmp.data());
        }
        if (pi[e] != 0) continue;
        if (trans) {
          LuSolveTransOne<T>(kernels.For<T>(), n, k, lu.data(), piv.data(), pb + e * n * k);
        } else {
          LuSolveOne<T>(kernels.For<T>(), n, k, lu.data(), piv.data(), pb + e * n * k);
        }
      }
    });
  });
}

}  // namespace tg
