// Householder QR (LAPACK's geqr2 + org2r), batched over threads.
#include <algorithm>
#include <cmath>
#include <string>
#include <vector>

#include "core/parallel.h"
#include "linalg/common.h"
#include "linalg/factor.h"

namespace tg {
namespace {

using linalg::Axpy;
using linalg::CheckBuffer;
using linalg::CheckSizes;
using linalg::Grain;

// Householder QR (geqr2) then Q's first kq columns (org2r); w is n (or kq) scratch.
template <class T>
void QrOne(const TypedKernels<T>& kt, int64_t m, int64_t n, int64_t kq, T* a, T* q, T* tau, T* w) {
  const int64_t k = std::min(m, n);
  for (int64_t j = 0; j < k; ++j) {
    const T alpha = a[j * n + j];
    // The 2-norm of the column below the diagonal, scaled against overflow.
    T big = 0;
    for (int64_t i = j + 1; i < m; ++i) big = std::max(big, std::abs(a[i * n + j]));
    T xnorm = 0;
    if (big > T(0)) {
      T ssq = 0;
      for (int64_t i = j + 1; i < m; ++i) {
        const T v = a[i * n + j] / big;
        ssq += v * v;
      }
      xnorm = big * std::sqrt(ssq);
    }
    if (xnorm == T(0)) {
      tau[j] = 0;
      continue;
    }
    const T beta = -std::copysign(std::hypot(alpha, xnorm), alpha);
    tau[j] = (beta - alpha) / beta;
    const T scale = T(1) / (alpha - beta);
    for (int64_t i = j + 1; i < m; ++i) a[i * n + j] *= scale;
    a[j * n + j] = beta;
    // A[j:, j+1:] -= tau v (v^T A[j:, j+1:]), v = (1, a[j+1:, j]).
    const int64_t c0 = j + 1;
    if (c0 >= n) continue;
    for (int64_t c = c0; c < n; ++c) w[c] = a[j * n + c];
    for (int64_t i = j + 1; i < m; ++i) {
      Axpy(kt, n - c0, a[i * n + j], a + i * n + c0, w + c0);
    }
    const T t = tau[j];
    for (int64_t c = c0; c < n; ++c) a[j * n + c] -= t * w[c];
    for (int64_t i = j + 1; i < m; ++i) {
      Axpy(kt, n - c0, -t * a[i * n + j], w + c0, a + i * n + c0);
    }
  }
  if (kq > 0) {
    std::fill(q, q + m * kq, T(0));
    for (int64_t i = 0; i < std::min(m, kq); ++i) q[i * kq + i] = T(1);
    for (int64_t j = k - 1; j >= 0; --j) {
      const T t = tau[j];
      if (t == T(0)) continue;
      for (int64_t c = 0; c < kq; ++c) w[c] = q[j * kq + c];
      for (int64_t i = j + 1; i < m; ++i) {
        Axpy(kt, kq, a[i * n + j], q + i * kq, w);
      }
      for (int64_t c = 0; c < kq; ++c) q[j * kq + c] -= t * w[c];
      for (int64_t i = j + 1; i < m; ++i) {
        Axpy(kt, kq, -t * a[i * n + j], w, q + i * kq);
      }
    }
  }
  for (int64_t i = 1; i < m; ++i)
    for (int64_t c = 0; c < std::min(i, n); ++c) a[i * n + c] = T(0);
}

}  // namespace

void Qr(const KernelTable& kernels, int64_t batch, int64_t m, int64_t n, int64_t kq, const View& a, const View& q) {
  const char* op = "qr";
  CheckSizes(batch, m, n, op);
  CheckSizes(batch, m, kq, op);
  if (kq > m) throw Error(Code::kArgument, "qr: Q has more columns than rows");
  CheckBuffer(a, batch * m * n, op, "A");
  CheckBuffer(q, batch * m * kq, op, "Q");
  CheckSameDtype(a, q, op);
  VisitFloat(a.dtype, op, [&](auto tag) {
    using T = typename decltype(tag)::type;
    T* pa = a.As<T>();
    T* pq = q.As<T>();
    ParallelFor(batch, Grain(m * n * std::max(n, kq) + 1), [&](int64_t b0, int64_t b1) {
      std::vector<T> tau(static_cast<size_t>(std::min(m, n)) + 1), w(static_cast<size_t>(std::max(n, kq)) + 1);
      for (int64_t b = b0; b < b1; ++b)
        QrOne<T>(kernels.For<T>(), m, n, kq, pa + b * m * n, pq + b * m * kq, tau.data(), w.data());
    });
  });
}

}  // namespace tg
