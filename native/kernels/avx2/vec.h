// AVX2 + FMA traits. Compiled only into kernels/avx2/ sources, which get -mavx2 -mfma.
#pragma once
#include <immintrin.h>

namespace tg {
namespace avx2 {

struct VecF32 {
  using T = float;
  using R = __m256;
  static constexpr int kLanes = 8;
  static R Load(const T* p) { return _mm256_loadu_ps(p); }
  static void Store(T* p, R v) { _mm256_storeu_ps(p, v); }
  static R Set1(T v) { return _mm256_set1_ps(v); }
  static R Zero() { return _mm256_setzero_ps(); }
  static R Add(R a, R b) { return _mm256_add_ps(a, b); }
  static R Sub(R a, R b) { return _mm256_sub_ps(a, b); }
  static R Mul(R a, R b) { return _mm256_mul_ps(a, b); }
  static R Div(R a, R b) { return _mm256_div_ps(a, b); }
  static R Abs(R a) { return _mm256_andnot_ps(_mm256_set1_ps(-0.0f), a); }
  static R Sqrt(R a) { return _mm256_sqrt_ps(a); }
  static R Fma(R a, R b, R c) { return _mm256_fmadd_ps(a, b, c); }
  // Rounding to an integral value in the current (nearest-even) mode, floor, ceil, trunc.
  static R Round(R a) { return _mm256_round_ps(a, _MM_FROUND_TO_NEAREST_INT | _MM_FROUND_NO_EXC); }
  static R Floor(R a) { return _mm256_round_ps(a, _MM_FROUND_TO_NEG_INF | _MM_FROUND_NO_EXC); }
  static R Ceil(R a) { return _mm256_round_ps(a, _MM_FROUND_TO_POS_INF | _MM_FROUND_NO_EXC); }
  static R Trunc(R a) { return _mm256_round_ps(a, _MM_FROUND_TO_ZERO | _MM_FROUND_NO_EXC); }
  // |mag| with the sign of sgn.
  static R CopySign(R mag, R sgn) {
    const R m = _mm256_set1_ps(-0.0f);
    return _mm256_or_ps(_mm256_andnot_ps(m, mag), _mm256_and_ps(m, sgn));
  }
  // Whether a <= b in every lane (false where either is NaN).
  static bool AllLe(R a, R b) { return _mm256_movemask_ps(_mm256_cmp_ps(a, b, _CMP_LE_OQ)) == 0xFF; }
  static T ReduceAdd(R v) {
    __m128 s = _mm_add_ps(_mm256_castps256_ps128(v), _mm256_extractf128_ps(v, 1));
    s = _mm_add_ps(s, _mm_movehl_ps(s, s));
    s = _mm_add_ss(s, _mm_movehdup_ps(s));
    return _mm_cvtss_f32(s);
  }
};

struct VecF64 {
  using T = double;
  using R = __m256d;
  static constexpr int kLanes = 4;
  static R Load(const T* p) { return _mm256_loadu_pd(p); }
  static void Store(T* p, R v) { _mm256_storeu_pd(p, v); }
  static R Set1(T v) { return _mm256_set1_pd(v); }
  static R Zero() { return _mm256_setzero_pd(); }
  static R Add(R a, R b) { return _mm256_add_pd(a, b); }
  static R Sub(R a, R b) { return _mm256_sub_pd(a, b); }
  static R Mul(R a, R b) { return _mm256_mul_pd(a, b); }
  static R Div(R a, R b) { return _mm256_div_pd(a, b); }
  static R Abs(R a) { return _mm256_andnot_pd(_mm256_set1_pd(-0.0), a); }
  static R Sqrt(R a) { return _mm256_sqrt_pd(a); }
  static R Fma(R a, R b, R c) { return _mm256_fmadd_pd(a, b, c); }
  // Rounding to an integral value in the current (nearest-even) mode, floor, ceil, trunc.
  static R Round(R a) { return _mm256_round_pd(a, _MM_FROUND_TO_NEAREST_INT | _MM_FROUND_NO_EXC); }
  static R Floor(R a) { return _mm256_round_pd(a, _MM_FROUND_TO_NEG_INF | _MM_FROUND_NO_EXC); }
  static R Ceil(R a) { return _mm256_round_pd(a, _MM_FROUND_TO_POS_INF | _MM_FROUND_NO_EXC); }
  static R Trunc(R a) { return _mm256_round_pd(a, _MM_FROUND_TO_ZERO | _MM_FROUND_NO_EXC); }
  // |mag| with the sign of sgn.
  static R CopySign(R mag, R sgn) {
    const R m = _mm256_set1_pd(-0.0);
    return _mm256_or_pd(_mm256_andnot_pd(m, mag), _mm256_and_pd(m, sgn));
  }
  // Whether a <= b in every lane (false where either is NaN).
  static bool AllLe(R a, R b) { return _mm256_movemask_pd(_mm256_cmp_pd(a, b, _CMP_LE_OQ)) == 0xF; }
  static T ReduceAdd(R v) {
    __m128d s = _mm_add_pd(_mm256_castpd256_pd128(v), _mm256_extractf128_pd(v, 1));
    return _mm_cvtsd_f64(_mm_add_sd(s, _mm_unpackhi_pd(s, s)));
  }
};

}  // namespace avx2
}  // namespace tg
