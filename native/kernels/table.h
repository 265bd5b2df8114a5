// The slots every ISA fills. An ISA's table starts as a copy of the reference table and
// overrides what it implements, so a slot is never empty.
#pragma once
#include <cstdint>

namespace tg {

// Values match lib/backend/codes.ts.
enum BinaryOp : int {
  kAdd,
  kSub,
  kMul,
  kDiv,
  kPow,
  kMaximum,
  kMinimum,
  kAtan2,
  kHypot,
  kFmod,
  kRemainder,
  kNumBinaryOps
};
enum CompareOp : int { kEq, kNe, kLt, kLe, kGt, kGe, kNumCompareOps };
enum UnaryOp : int {
  kNeg,
  kExp,
  kLog,
  kSqrt,
  kAbs,
  kRelu,
  kSigmoid,
  kTanh,
  kSign,
  kSin,
  kCos,
  kTan,
  kAsin,
  kAcos,
  kAtan,
  kSinh,
  kCosh,
  kAsinh,
  kAcosh,
  kAtanh,
  kFloor,
  kCeil,
  kRound,
  kTrunc,
  kFrac,
  kReciprocal,
  kRsqrt,
  kLog1p,
  kExpm1,
  kLog2,
  kLog10,
  kExp2,
  kErf,
  kErfinv,
  kNumUnaryOps
};

// Float-only elementwise functions with up to two scalar parameters (p0, p1), and the
// derivatives the library's backward needs that its other ops cannot express (gelu's). kVecExp is
// the vectorised exp on its own, for the accuracy tests. Values match lib/backend/codes.ts.
enum ActivationOp : int {
  kActGelu,
  kActGeluTanh,
  kActSilu,
  kActMish,
  kActLogSigmoid,
  kActSoftplus,   // p0 beta, p1 threshold
  kActElu,        // p0 alpha
  kActLeakyRelu,  // p0 slope
  kActGeluDeriv,
  kActGeluTanhDeriv,
  kActVecExp,
  kNumActivationOps
};

// How the two operands of a contiguous binary run are laid out.
enum BinaryLayout : int { kVecVec, kVecScalar, kScalarVec, kNumLayouts };

template <class T>
using BinaryRunFn = void (*)(const T* a, const T* b, T* out, int64_t n);
template <class T>
using UnaryRunFn = void (*)(const T* x, T* out, int64_t n);
// Sum of a contiguous run, with enough accumulators to stay accurate and fast.
template <class T>
using SumRunFn = T (*)(const T* x, int64_t n);
// C[mr x nr] (+)= A_panel[mr x k] * B_panel[k x nr]; panels packed by the GEMM driver.
template <class T>
using GemmMicroFn = void (*)(int64_t k, const T* a, const T* b, T* c, int64_t ldc, bool accumulate);
// The same tile with A read where it lies: mr rows lda apart, each k contiguous values.
template <class T>
using GemmMicroInPlaceFn = void (*)(int64_t k, const T* a, int64_t lda, const T* b, T* c, int64_t ldc, bool accumulate);
// Packs a full panel into the micro-kernel's layout (mr rows of A, or an nr-wide sliver of B) from
// src, whose kc-deep runs are rs apart: rows with unit column stride (pack_a, pack_b) or columns
// with unit row stride (pack_at, pack_bt). The driver packs other panels itself.
template <class T>
using GemmPackFn = void (*)(const T* src, int64_t rs, int64_t kc, T* dst);

// Dot product of two contiguous runs (matrix-vector rows).
template <class T>
using DotRunFn = T (*)(const T* x, const T* y, int64_t n);
// y += alpha * x over a contiguous run (vector-matrix rows).
template <class T>
using AxpyRunFn = void (*)(int64_t n, T alpha, const T* x, T* y);
// c[i * ldc] = dot(a + i * lda, x, k) for i < rows, each with dot's bits: a GEMV's rows in one
// call (a call per row of k = 64 cost more than the row).
template <class T>
using DotRowsFn = void (*)(const T* a, int64_t lda, const T* x, int64_t k, T* c, int64_t ldc, int64_t rows);
// c[i] = the axpys alpha[p * as] * x[p * xs + i] over p < k in order, from zero, for i < n, with
// repeated axpy's bits: the transposed GEMV X^T g with c held in registers.
template <class T>
using AxpyColsFn = void (*)(int64_t n, int64_t k, const T* alpha, int64_t as, const T* x, int64_t xs, T* c);
// out[j] = (...((out[j] + rows[0][j]) + rows[1][j]) ...) over nrows rows `stride` apart: a
// dim-0 sum adding several rows per pass over the output, in row order.
template <class T>
using AddRowsFn = void (*)(T* out, const T* rows, int64_t stride, int64_t nrows, int64_t n);

template <class T>
using ActivationRunFn = void (*)(const T* x, T* out, int64_t n, T p0, T p1);
// softmax (or log_softmax) of each of `rows` contiguous rows of length n.
template <class T>
using SoftmaxRowsFn = void (*)(const T* x, T* out, int64_t rows, int64_t n, bool log);
// softmax (or log_softmax) down the columns [j0, j1) of an n x inner row-major block.
template <class T>
using SoftmaxColsFn = void (*)(const T* x, T* out, int64_t n, int64_t inner, int64_t j0, int64_t j1, bool log);

// Fused optimizer steps over a contiguous run of n parameters (driver: native/optim/), in the
// operation order of PyTorch's single-tensor steps with the FMAs of its AVX2 kernels; an ISA
// with FMA instructions inlines them (std::fma is a libm call where the compiler may not).
template <class T>
struct SgdStepArgs {
  T* p;
  const T* g;
  T* buf;  // null without momentum
  T lr, momentum, damp, weight_decay;
  bool nesterov, first;
};
template <class T>
using SgdStepFn = void (*)(int64_t n, const SgdStepArgs<T>& a);
template <class T>
struct AdamStepArgs {
  T* p;
  const T* g;
  T *m, *v, *vmax;  // vmax null without amsgrad
  T b1, b2, one_b1, one_b2, weight_decay, decay, eps, bias2_sqrt, neg_step;
  bool decoupled;
};
template <class T>
using AdamStepFn = void (*)(int64_t n, const AdamStepArgs<T>& a);
// The adaptive optimizers of PyTorch 1.13 (RMSprop, Adagrad, Adamax, NAdam, RAdam), one slot
// each of optim_step; values match lib/backend/codes.ts OptimCode. Each step replays the JS loop
// of lib/backend/js_optim.ts (the reference): the same operations in the same order, std::fma
// exactly where it calls fma, so every table gives its bits. The scalars that involve pow or sqrt
// of step counts come computed from JS in c[] (per op layout in optim_body.h); s[] are the op's
// state buffers, null where unused.
enum OptimOp : int { kRmsprop, kAdagrad, kAdamax, kNadam, kRadam, kNumOptimOps };
constexpr int kOptimScalars = 10;
template <class T>
struct OptimStepArgs {
  T* p;
  const T* g;
  T* s[3];
  T c[kOptimScalars];
  bool maximize;  // step along the gradient (it is negated first)
  bool rectify;   // RAdam: the variance rectification applies at this step
};
template <class T>
using OptimStepFn = void (*)(int64_t n, const OptimStepArgs<T>& a);

// in_place_below_n of a table that reads A in place at every width.
constexpr int64_t kAnyWidth = INT64_MAX;

// The cache blocking of the GEMM driver's five loops, as BLIS keeps it per architecture: mc rows
// of A per packed block (L2), kc deep panels (an A and a B sliver in L1), nc columns of B per
// packed panel (L3). kc also fixes the summation order, so changing it changes results' bits.
struct GemmBlocking {
  int64_t mc;
  int64_t kc;
  int64_t nc;
  // When non-zero: A with contiguous rows is not packed in products of fewer than
  // in_place_below_n columns (the micro-kernel reads its rows in place, fn_in_place); blocks are
  // then mc_in_place rows (mc when 0) and panels kc_in_place deep. Wider products reuse each A
  // block over more B slivers, and there a packed block (contiguous, from L2) paid for packing.
  int64_t kc_in_place = 0;
  int64_t mc_in_place = 0;
  int64_t in_place_below_n = kAnyWidth;
  // When non-zero: rows per packed A block in products at most kc / 2 deep. There C's traffic,
  // not A's reuse, bounds the speed, and a short block keeps fewer rows of C in flight.
  int64_t mc_shallow = 0;
};

// One dtype's GEMM configuration: the mr x nr register tile, its blocking and the micro-kernel.
template <class T>
struct GemmConfig {
  int mr;
  int nr;
  GemmBlocking blocking;
  GemmMicroFn<T> fn;
  GemmPackFn<T> pack_a;
  GemmPackFn<T> pack_b;
  GemmMicroInPlaceFn<T> fn_in_place;
  // The packing of full panels with unit row stride (A^T's and B^T's layouts): mr rows of A, kc
  // columns rs apart; an nr-wide sliver of B, nr columns rs apart, kc deep.
  GemmPackFn<T> pack_at;
  GemmPackFn<T> pack_bt;
};

template <class T>
struct TypedKernels {
  BinaryRunFn<T> binary[kNumBinaryOps][kNumLayouts];
  UnaryRunFn<T> unary[kNumUnaryOps];
  SumRunFn<T> sum;
  DotRunFn<T> dot;
  AxpyRunFn<T> axpy;
  DotRowsFn<T> dot_rows;
  AxpyColsFn<T> axpy_cols;
  AddRowsFn<T> add_rows;
  GemmConfig<T> gemm;
  // Float tables only (null for int32).
  ActivationRunFn<T> activation[kNumActivationOps];
  SoftmaxRowsFn<T> softmax_rows;
  SoftmaxColsFn<T> softmax_cols;
  SgdStepFn<T> sgd_step;
  AdamStepFn<T> adam_step;
  OptimStepFn<T> optim_step[kNumOptimOps];
};

// PyTorch's float normal sampler over `blocks` blocks of 16 uniforms in place: Box-Muller on
// lanes j and j + 8 (ATen's normal_fill_16_AVX2), then fma(value, std, mean). Every version does
// the same operations in the same order, so every table gives PyTorch's bits.
using NormalBlocksFn = void (*)(float* data, int64_t blocks, float mean, float std);

struct KernelTable {
  const char* isa;
  TypedKernels<float> f32;
  TypedKernels<double> f64;
  TypedKernels<int32_t> i32;
  TypedKernels<int64_t> i64;
  NormalBlocksFn normal_f32;

  template <class T>
  const TypedKernels<T>& For() const;
};

template <>
inline const TypedKernels<float>& KernelTable::For<float>() const {
  return f32;
}
template <>
inline const TypedKernels<double>& KernelTable::For<double>() const {
  return f64;
}
template <>
inline const TypedKernels<int32_t>& KernelTable::For<int32_t>() const {
  return i32;
}

template <>
inline const TypedKernels<int64_t>& KernelTable::For<int64_t>() const {
  return i64;
}

namespace ref {
const KernelTable& Table();
void NormalBlocksF32(float* data, int64_t blocks, float mean, float std);
}  // namespace ref
namespace avx2 {
KernelTable Table();
void NormalBlocksF32(float* data, int64_t blocks, float mean, float std);
}  // namespace avx2
namespace avx512 {
KernelTable Table();
}
namespace neon {
KernelTable Table();
void NormalBlocksF32(float* data, int64_t blocks, float mean, float std);
}  // namespace neon

}  // namespace tg
