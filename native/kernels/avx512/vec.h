// AVX-512F traits. Compiled only into kernels/avx512/ sources, which get -mavx512f -mfma.
#pragma once
#include <immintrin.h>

#include <cstdint>

namespace tg {
namespace avx512 {

struct VecF64;

struct VecF32 {
  using T = float;
  using Wide = VecF64;  // float32 functions evaluated in float64 (VecF64::FromF32, ToF32)
  using R = __m512;
  static constexpr int kLanes = 16;
  static R Load(const T* p) { return _mm512_loadu_ps(p); }
  static void Store(T* p, R v) { _mm512_storeu_ps(p, v); }
  static R Set1(T v) { return _mm512_set1_ps(v); }
  static R Zero() { return _mm512_setzero_ps(); }
  static R Add(R a, R b) { return _mm512_add_ps(a, b); }
  static R Sub(R a, R b) { return _mm512_sub_ps(a, b); }
  static R Mul(R a, R b) { return _mm512_mul_ps(a, b); }
  static R Div(R a, R b) { return _mm512_div_ps(a, b); }
  static R Abs(R a) { return _mm512_abs_ps(a); }
  static R Sqrt(R a) { return _mm512_sqrt_ps(a); }
  static R Fma(R a, R b, R c) { return _mm512_fmadd_ps(a, b, c); }
  // Rounding to an integral value in the current (nearest-even) mode, floor, ceil, trunc.
  static R Round(R a) { return _mm512_roundscale_ps(a, _MM_FROUND_TO_NEAREST_INT | _MM_FROUND_NO_EXC); }
  static R Floor(R a) { return _mm512_roundscale_ps(a, _MM_FROUND_TO_NEG_INF | _MM_FROUND_NO_EXC); }
  static R Ceil(R a) { return _mm512_roundscale_ps(a, _MM_FROUND_TO_POS_INF | _MM_FROUND_NO_EXC); }
  static R Trunc(R a) { return _mm512_roundscale_ps(a, _MM_FROUND_TO_ZERO | _MM_FROUND_NO_EXC); }
  // |mag| with the sign of sgn (integer logic: AVX-512F has no float and/or).
  static R CopySign(R mag, R sgn) {
    const __m512i m = _mm512_set1_epi32(INT32_MIN);
    return _mm512_castsi512_ps(_mm512_or_si512(_mm512_andnot_si512(m, _mm512_castps_si512(mag)),
                                               _mm512_and_si512(m, _mm512_castps_si512(sgn))));
  }
  // Whether a <= b in every lane (false where either is NaN).
  static bool AllLe(R a, R b) { return _mm512_cmp_ps_mask(a, b, _CMP_LE_OQ) == 0xFFFF; }
  // Per lane a < b ? x : y (y where either is NaN).
  static R SelectLt(R a, R b, R x, R y) { return _mm512_mask_blend_ps(_mm512_cmp_ps_mask(a, b, _CMP_LT_OQ), y, x); }
  static T ReduceAdd(R v) { return _mm512_reduce_add_ps(v); }
  // Max/Min return b when either is NaN (vmaxps), which lets a clamp pass NaN through.
  static R Max(R a, R b) { return _mm512_max_ps(a, b); }
  static R Min(R a, R b) { return _mm512_min_ps(a, b); }
  // 2^n for integral n in the normal exponent range.
  static R Exp2Int(R n) { return _mm512_scalef_ps(_mm512_set1_ps(1.0f), n); }
  static T ReduceMax(R v) { return _mm512_reduce_max_ps(v); }
};

struct VecF64 {
  using T = double;
  using R = __m512d;
  static constexpr int kLanes = 8;
  static R Load(const T* p) { return _mm512_loadu_pd(p); }
  static void Store(T* p, R v) { _mm512_storeu_pd(p, v); }
  static R Set1(T v) { return _mm512_set1_pd(v); }
  static R Zero() { return _mm512_setzero_pd(); }
  static R Add(R a, R b) { return _mm512_add_pd(a, b); }
  static R Sub(R a, R b) { return _mm512_sub_pd(a, b); }
  static R Mul(R a, R b) { return _mm512_mul_pd(a, b); }
  static R Div(R a, R b) { return _mm512_div_pd(a, b); }
  static R Abs(R a) { return _mm512_abs_pd(a); }
  static R Sqrt(R a) { return _mm512_sqrt_pd(a); }
  static R Fma(R a, R b, R c) { return _mm512_fmadd_pd(a, b, c); }
  // Rounding to an integral value in the current (nearest-even) mode, floor, ceil, trunc.
  static R Round(R a) { return _mm512_roundscale_pd(a, _MM_FROUND_TO_NEAREST_INT | _MM_FROUND_NO_EXC); }
  static R Floor(R a) { return _mm512_roundscale_pd(a, _MM_FROUND_TO_NEG_INF | _MM_FROUND_NO_EXC); }
  static R Ceil(R a) { return _mm512_roundscale_pd(a, _MM_FROUND_TO_POS_INF | _MM_FROUND_NO_EXC); }
  static R Trunc(R a) { return _mm512_roundscale_pd(a, _MM_FROUND_TO_ZERO | _MM_FROUND_NO_EXC); }
  // |mag| with the sign of sgn (integer logic: AVX-512F has no float and/or).
  static R CopySign(R mag, R sgn) {
    const __m512i m = _mm512_set1_epi64(INT64_MIN);
    return _mm512_castsi512_pd(_mm512_or_si512(_mm512_andnot_si512(m, _mm512_castpd_si512(mag)),
                                               _mm512_and_si512(m, _mm512_castpd_si512(sgn))));
  }
  // Whether a <= b in every lane (false where either is NaN).
  static bool AllLe(R a, R b) { return _mm512_cmp_pd_mask(a, b, _CMP_LE_OQ) == 0xFF; }
  // Per lane a < b ? x : y (y where either is NaN).
  static R SelectLt(R a, R b, R x, R y) { return _mm512_mask_blend_pd(_mm512_cmp_pd_mask(a, b, _CMP_LT_OQ), y, x); }
  static T ReduceAdd(R v) { return _mm512_reduce_add_pd(v); }
  static R Max(R a, R b) { return _mm512_max_pd(a, b); }
  static R Min(R a, R b) { return _mm512_min_pd(a, b); }
  static R Exp2Int(R n) { return _mm512_scalef_pd(_mm512_set1_pd(1.0), n); }
  // float32 lanes as two halves of float64 lanes and back (float32 functions evaluated in float64).
  static void FromF32(__m512 v, R& lo, R& hi) {
    lo = _mm512_cvtps_pd(_mm512_castps512_ps256(v));
    hi = _mm512_cvtps_pd(_mm256_castsi256_ps(_mm512_extracti64x4_epi64(_mm512_castps_si512(v), 1)));
  }
  static __m512 ToF32(R lo, R hi) {
    const __m256d l = _mm256_castps_pd(_mm512_cvtpd_ps(lo)), h = _mm256_castps_pd(_mm512_cvtpd_ps(hi));
    return _mm512_castpd_ps(_mm512_insertf64x4(_mm512_castpd256_pd512(l), h, 1));
  }
  // For positive normal x: its binary exponent (as a double) and its significand in [1, 2).
  static R Exponent(R x) { return _mm512_getexp_pd(x); }
  static R Mantissa(R x) { return _mm512_getmant_pd(x, _MM_MANT_NORM_1_2, _MM_MANT_SIGN_zero); }
  static T ReduceMax(R v) { return _mm512_reduce_max_pd(v); }
};

}  // namespace avx512
}  // namespace tg
