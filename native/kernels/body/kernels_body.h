// One body for every ISA: each kernels/<isa>/table.cc includes this after defining its
// vector traits V (R register type, kLanes, Load/Store/Set1/Zero/Add/Sub/Mul/Div/Abs/Sqrt/
// Fma/ReduceAdd) and instantiates it. The reference ISA uses ScalarVec (one lane).
#pragma once
#include <cstdint>

#include "core/wrap.h"
#include "kernels/body/math_ops.h"
#include "kernels/body/math_simd.h"
#include "kernels/body/ops.h"
#include "kernels/table.h"

namespace tg {
namespace body {
namespace {  // internal linkage, see ops.h

template <class V, class Op, int kLayout>
void BinaryRun(const typename V::T* a, const typename V::T* b, typename V::T* out, int64_t n) {
  using T = typename V::T;
  constexpr int L = V::kLanes;
  int64_t i = 0;
  if constexpr (Op::kVector && L > 1) {
    if constexpr (kLayout == kVecVec) {
      for (; i + L <= n; i += L) V::Store(out + i, Op::template ApplyV<V>(V::Load(a + i), V::Load(b + i)));
    } else if constexpr (kLayout == kVecScalar) {
      const typename V::R bv = V::Set1(*b);
      for (; i + L <= n; i += L) V::Store(out + i, Op::template ApplyV<V>(V::Load(a + i), bv));
    } else {
      const typename V::R av = V::Set1(*a);
      for (; i + L <= n; i += L) V::Store(out + i, Op::template ApplyV<V>(av, V::Load(b + i)));
    }
  }
  for (; i < n; ++i) {
    const T x = kLayout == kScalarVec ? a[0] : a[i];
    const T y = kLayout == kVecScalar ? b[0] : b[i];
    out[i] = Op::template Apply<T>(x, y);
  }
}

template <class V, class Op>
void UnaryRun(const typename V::T* x, typename V::T* out, int64_t n) {
  using T = typename V::T;
  constexpr int L = V::kLanes;
  int64_t i = 0;
  if constexpr (Op::kVector && L > 1) {
    for (; i + L <= n; i += L) V::Store(out + i, Op::template ApplyV<V>(V::Load(x + i)));
  }
  for (; i < n; ++i) out[i] = Op::template Apply<T>(x[i]);
}

// Runs shorter than this are summed in order, one element at a time (lib/backend/js_paths.ts sums
// tensors of up to 16 elements the same way).
constexpr int64_t kInOrderSum = 32;

// Four independent vector accumulators hide the add latency; blocks of 4096 elements are
// summed separately and the block sums added, which bounds float32 rounding growth.
template <class V>
typename V::T SumRun(const typename V::T* x, int64_t n) {
  using T = typename V::T;
  constexpr int L = V::kLanes;
  constexpr int64_t kBlock = 4096;
  if constexpr (std::is_integral_v<T>) {  // integers wrap, as PyTorch's int32 sums
    T s = 0;
    for (int64_t i = 0; i < n; ++i) s = WrapAdd(s, x[i]);
    return s;
  }
  if (n < kInOrderSum) {  // in order on every ISA, so the TS layer's small-tensor sum matches
    T s = 0;
    for (int64_t i = 0; i < n; ++i) s += x[i];
    return s;
  }
  double total = 0;
  for (int64_t start = 0; start < n; start += kBlock) {
    const int64_t end = start + kBlock < n ? start + kBlock : n;
    typename V::R s0 = V::Zero(), s1 = V::Zero(), s2 = V::Zero(), s3 = V::Zero();
    int64_t i = start;
    for (; i + 4 * L <= end; i += 4 * L) {
      s0 = V::Add(s0, V::Load(x + i));
      s1 = V::Add(s1, V::Load(x + i + L));
      s2 = V::Add(s2, V::Load(x + i + 2 * L));
      s3 = V::Add(s3, V::Load(x + i + 3 * L));
    }
    T block = V::ReduceAdd(V::Add(V::Add(s0, s1), V::Add(s2, s3)));
    for (; i < end; ++i) block = WrapAdd(block, x[i]);
    total += static_cast<double>(block);
  }
  return static_cast<T>(total);
}

// Inlined into DotRowsRun: a call per row of k = 64 cost as much as the row.
#if defined(_MSC_VER) && !defined(__clang__)
#define TG_DOT_INLINE __forceinline
#else
#define TG_DOT_INLINE inline __attribute__((always_inline))
#endif

template <class V>
TG_DOT_INLINE typename V::T DotRun(const typename V::T* x, const typename V::T* y, int64_t n) {
  constexpr int L = V::kLanes;
  typename V::R s0 = V::Zero(), s1 = V::Zero(), s2 = V::Zero(), s3 = V::Zero();
  int64_t i = 0;
  for (; i + 4 * L <= n; i += 4 * L) {
    s0 = V::Fma(V::Load(x + i), V::Load(y + i), s0);
    s1 = V::Fma(V::Load(x + i + L), V::Load(y + i + L), s1);
    s2 = V::Fma(V::Load(x + i + 2 * L), V::Load(y + i + 2 * L), s2);
    s3 = V::Fma(V::Load(x + i + 3 * L), V::Load(y + i + 3 * L), s3);
  }
  typename V::T s = V::ReduceAdd(V::Add(V::Add(s0, s1), V::Add(s2, s3)));
  for (; i < n; ++i) s += x[i] * y[i];
  return s;
}

template <class V>
void AddRowsRun(typename V::T* out, const typename V::T* rows, int64_t stride, int64_t nrows, int64_t n) {
  using T = typename V::T;
  constexpr int L = V::kLanes;
  int64_t j = 0;
  // Four vectors per step, so the per-lane chain of row additions overlaps across them.
  for (; j + 4 * L <= n; j += 4 * L) {
    typename V::R s0 = V::Load(out + j), s1 = V::Load(out + j + L), s2 = V::Load(out + j + 2 * L),
                  s3 = V::Load(out + j + 3 * L);
    for (int64_t r = 0; r < nrows; ++r) {
      const T* row = rows + r * stride + j;
      s0 = V::Add(s0, V::Load(row));
      s1 = V::Add(s1, V::Load(row + L));
      s2 = V::Add(s2, V::Load(row + 2 * L));
      s3 = V::Add(s3, V::Load(row + 3 * L));
    }
    V::Store(out + j, s0);
    V::Store(out + j + L, s1);
    V::Store(out + j + 2 * L, s2);
    V::Store(out + j + 3 * L, s3);
  }
  for (; j + L <= n; j += L) {
    typename V::R s = V::Load(out + j);
    for (int64_t r = 0; r < nrows; ++r) s = V::Add(s, V::Load(rows + r * stride + j));
    V::Store(out + j, s);
  }
  for (; j < n; ++j) {
    T s = out[j];
    for (int64_t r = 0; r < nrows; ++r) s = WrapAdd(s, rows[r * stride + j]);
    out[j] = s;
  }
}

template <class V>
void AxpyRun(int64_t n, typename V::T alpha, const typename V::T* x, typename V::T* y) {
  constexpr int L = V::kLanes;
  const typename V::R a = V::Set1(alpha);
  int64_t i = 0;
  for (; i + L <= n; i += L) V::Store(y + i, V::Fma(a, V::Load(x + i), V::Load(y + i)));
  for (; i < n; ++i) y[i] += alpha * x[i];
}

template <class V>
void DotRowsRun(const typename V::T* a, int64_t lda, const typename V::T* x, int64_t k, typename V::T* c, int64_t ldc,
                int64_t rows) {
  for (int64_t i = 0; i < rows; ++i) c[i * ldc] = DotRun<V>(a + i * lda, x, k);
}

template <class V>
void AxpyColsRun(int64_t n, int64_t k, const typename V::T* alpha, int64_t as, const typename V::T* x, int64_t xs,
                 typename V::T* c) {
  using T = typename V::T;
  using R = typename V::R;
  constexpr int L = V::kLanes;
  int64_t i = 0;
  for (; i + 4 * L <= n; i += 4 * L) {
    R c0 = V::Zero(), c1 = V::Zero(), c2 = V::Zero(), c3 = V::Zero();
    for (int64_t p = 0; p < k; ++p) {
      const R a = V::Set1(alpha[p * as]);
      const T* xp = x + p * xs + i;
      c0 = V::Fma(a, V::Load(xp), c0);
      c1 = V::Fma(a, V::Load(xp + L), c1);
      c2 = V::Fma(a, V::Load(xp + 2 * L), c2);
      c3 = V::Fma(a, V::Load(xp + 3 * L), c3);
    }
    V::Store(c + i, c0);
    V::Store(c + i + L, c1);
    V::Store(c + i + 2 * L, c2);
    V::Store(c + i + 3 * L, c3);
  }
  for (; i + L <= n; i += L) {
    R c0 = V::Zero();
    for (int64_t p = 0; p < k; ++p) c0 = V::Fma(V::Set1(alpha[p * as]), V::Load(x + p * xs + i), c0);
    V::Store(c + i, c0);
  }
  for (; i < n; ++i) {
    T s = T(0);
    for (int64_t p = 0; p < k; ++p) s += alpha[p * as] * x[p * xs + i];
    c[i] = s;
  }
}

template <class V, class Op>
void SetBinary(TypedKernels<typename V::T>& t, BinaryOp op) {
  if (!Op::kVector && V::kLanes > 1) return;  // keep the reference version
  t.binary[op][kVecVec] = &BinaryRun<V, Op, kVecVec>;
  t.binary[op][kVecScalar] = &BinaryRun<V, Op, kVecScalar>;
  t.binary[op][kScalarVec] = &BinaryRun<V, Op, kScalarVec>;
}

template <class V, class Op>
void SetUnary(TypedKernels<typename V::T>& t, UnaryOp op) {
  if (!Op::kVector && V::kLanes > 1) return;
  t.unary[op] = &UnaryRun<V, Op>;
}

// Fills the elementwise and reduction slots that V implements.
template <class V>
void FillElementwise(TypedKernels<typename V::T>& t) {
  SetBinary<V, AddOp>(t, kAdd);
  SetBinary<V, SubOp>(t, kSub);
  SetBinary<V, MulOp>(t, kMul);
  SetBinary<V, DivOp>(t, kDiv);
  SetBinary<V, PowOp>(t, kPow);
  SetBinary<V, MaximumOp>(t, kMaximum);
  SetBinary<V, MinimumOp>(t, kMinimum);
  SetUnary<V, NegOp>(t, kNeg);
  SetUnary<V, ExpOp>(t, kExp);
  SetUnary<V, LogOp>(t, kLog);
  SetUnary<V, SqrtOp>(t, kSqrt);
  SetUnary<V, AbsOp>(t, kAbs);
  SetUnary<V, ReluOp>(t, kRelu);
  SetUnary<V, SigmoidOp>(t, kSigmoid);
  SetUnary<V, TanhOp>(t, kTanh);
  SetUnary<V, SignOp>(t, kSign);
  SetUnary<V, SinOp>(t, kSin);
  SetUnary<V, CosOp>(t, kCos);
  SetUnary<V, TanOp>(t, kTan);
  SetUnary<V, AsinOp>(t, kAsin);
  SetUnary<V, AcosOp>(t, kAcos);
  SetUnary<V, AtanOp>(t, kAtan);
  SetUnary<V, SinhOp>(t, kSinh);
  SetUnary<V, CoshOp>(t, kCosh);
  SetUnary<V, AsinhOp>(t, kAsinh);
  SetUnary<V, AcoshOp>(t, kAcosh);
  SetUnary<V, AtanhOp>(t, kAtanh);
  SetUnary<V, FloorOp>(t, kFloor);
  SetUnary<V, CeilOp>(t, kCeil);
  SetUnary<V, RoundOp>(t, kRound);
  SetUnary<V, TruncOp>(t, kTrunc);
  SetUnary<V, FracOp>(t, kFrac);
  SetUnary<V, ReciprocalOp>(t, kReciprocal);
  SetUnary<V, RsqrtOp>(t, kRsqrt);
  SetUnary<V, Log1pOp>(t, kLog1p);
  SetUnary<V, Expm1Op>(t, kExpm1);
  SetUnary<V, Log2Op>(t, kLog2);
  SetUnary<V, Log10Op>(t, kLog10);
  SetUnary<V, Exp2Op>(t, kExp2);
  SetUnary<V, ErfOp>(t, kErf);
  SetUnary<V, ErfinvOp>(t, kErfinv);
  SetBinary<V, Atan2Op>(t, kAtan2);
  SetBinary<V, HypotOp>(t, kHypot);
  SetBinary<V, FmodOp>(t, kFmod);
  SetBinary<V, RemainderOp>(t, kRemainder);
  FillMathSimd<V>(t);
  t.sum = &SumRun<V>;
  t.dot = &DotRun<V>;
  t.axpy = &AxpyRun<V>;
  t.dot_rows = &DotRowsRun<V>;
  t.axpy_cols = &AxpyColsRun<V>;
  t.add_rows = &AddRowsRun<V>;
}

}  // namespace
}  // namespace body
}  // namespace tg
