// AVX2 + FMA traits. Compiled only into kernels/avx2/ sources, which get -mavx2 -mfma.
#pragma once
#include <immintrin.h>

namespace tg {
namespace avx2 {

struct VecF64;

struct VecF32 {
  using T = float;
  using Wide = VecF64;  // float32 functions evaluated in float64 (VecF64::FromF32, ToF32)
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
  // Per lane a < b ? x : y (y where either is NaN).
  static R SelectLt(R a, R b, R x, R y) { return _mm256_blendv_ps(y, x, _mm256_cmp_ps(a, b, _CMP_LT_OQ)); }
  static T ReduceAdd(R v) {
    __m128 s = _mm_add_ps(_mm256_castps256_ps128(v), _mm256_extractf128_ps(v, 1));
    s = _mm_add_ps(s, _mm_movehl_ps(s, s));
    s = _mm_add_ss(s, _mm_movehdup_ps(s));
    return _mm_cvtss_f32(s);
  }
  // Max/Min return b when either is NaN (maxps), which lets a clamp pass NaN through.
  static R Max(R a, R b) { return _mm256_max_ps(a, b); }
  static R Min(R a, R b) { return _mm256_min_ps(a, b); }
  // 2^n for integral n in the normal exponent range.
  static R Exp2Int(R n) {
    const __m256i e = _mm256_add_epi32(_mm256_cvtps_epi32(n), _mm256_set1_epi32(127));
    return _mm256_castsi256_ps(_mm256_slli_epi32(e, 23));
  }
  static T ReduceMax(R v) {
    __m128 s = _mm_max_ps(_mm256_castps256_ps128(v), _mm256_extractf128_ps(v, 1));
    s = _mm_max_ps(s, _mm_movehl_ps(s, s));
    s = _mm_max_ss(s, _mm_movehdup_ps(s));
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
  // Per lane a < b ? x : y (y where either is NaN).
  static R SelectLt(R a, R b, R x, R y) { return _mm256_blendv_pd(y, x, _mm256_cmp_pd(a, b, _CMP_LT_OQ)); }
  static T ReduceAdd(R v) {
    __m128d s = _mm_add_pd(_mm256_castpd256_pd128(v), _mm256_extractf128_pd(v, 1));
    return _mm_cvtsd_f64(_mm_add_sd(s, _mm_unpackhi_pd(s, s)));
  }
  static R Max(R a, R b) { return _mm256_max_pd(a, b); }
  static R Min(R a, R b) { return _mm256_min_pd(a, b); }
  static R Exp2Int(R n) {
    const __m256i e = _mm256_add_epi64(_mm256_cvtepi32_epi64(_mm256_cvtpd_epi32(n)), _mm256_set1_epi64x(1023));
    return _mm256_castsi256_pd(_mm256_slli_epi64(e, 52));
  }
  // float32 lanes as two halves of float64 lanes and back (float32 functions evaluated in float64).
  static void FromF32(__m256 v, R& lo, R& hi) {
    lo = _mm256_cvtps_pd(_mm256_castps256_ps128(v));
    hi = _mm256_cvtps_pd(_mm256_extractf128_ps(v, 1));
  }
  static __m256 ToF32(R lo, R hi) { return _mm256_set_m128(_mm256_cvtpd_ps(hi), _mm256_cvtpd_ps(lo)); }
  // For positive normal x: its binary exponent (as a double) and its significand in [1, 2).
  static R Exponent(R x) {
    const __m256i e =
        _mm256_or_si256(_mm256_srli_epi64(_mm256_castpd_si256(x), 52), _mm256_set1_epi64x(0x4330000000000000));
    return _mm256_sub_pd(_mm256_castsi256_pd(e), _mm256_set1_pd(4503599627370496.0 + 1023));
  }
  static R Mantissa(R x) {
    const R m = _mm256_and_pd(x, _mm256_castsi256_pd(_mm256_set1_epi64x(0x000FFFFFFFFFFFFF)));
    return _mm256_or_pd(m, _mm256_set1_pd(1.0));
  }
  static T ReduceMax(R v) {
    __m128d s = _mm_max_pd(_mm256_castpd256_pd128(v), _mm256_extractf128_pd(v, 1));
    return _mm_cvtsd_f64(_mm_max_sd(s, _mm_unpackhi_pd(s, s)));
  }
};

}  // namespace avx2
}  // namespace tg
