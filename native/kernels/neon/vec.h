// NEON traits (AArch64, where NEON is always present). Built only on arm64.
#pragma once
#include <arm_neon.h>

namespace tg {
namespace neon {

struct VecF64;

struct VecF32 {
  using T = float;
  using Wide = VecF64;  // float32 functions evaluated in float64 (VecF64::FromF32, ToF32)
  using R = float32x4_t;
  static constexpr int kLanes = 4;
  static R Load(const T* p) { return vld1q_f32(p); }
  static void Store(T* p, R v) { vst1q_f32(p, v); }
  static R Set1(T v) { return vdupq_n_f32(v); }
  static R Zero() { return vdupq_n_f32(0.0f); }
  static R Add(R a, R b) { return vaddq_f32(a, b); }
  static R Sub(R a, R b) { return vsubq_f32(a, b); }
  static R Mul(R a, R b) { return vmulq_f32(a, b); }
  static R Div(R a, R b) { return vdivq_f32(a, b); }
  static R Abs(R a) { return vabsq_f32(a); }
  static R Sqrt(R a) { return vsqrtq_f32(a); }
  static R Fma(R a, R b, R c) { return vfmaq_f32(c, a, b); }
  // Rounding to an integral value in the current (nearest-even) mode, floor, ceil, trunc.
  static R Round(R a) { return vrndnq_f32(a); }
  static R Floor(R a) { return vrndmq_f32(a); }
  static R Ceil(R a) { return vrndpq_f32(a); }
  static R Trunc(R a) { return vrndq_f32(a); }
  // |mag| with the sign of sgn.
  static R CopySign(R mag, R sgn) { return vbslq_f32(vdupq_n_u32(0x80000000u), sgn, mag); }
  // Whether a <= b in every lane (false where either is NaN).
  static bool AllLe(R a, R b) { return vminvq_u32(vcleq_f32(a, b)) != 0; }
  // Per lane a < b ? x : y (y where either is NaN).
  static R SelectLt(R a, R b, R x, R y) { return vbslq_f32(vcltq_f32(a, b), x, y); }
  static T ReduceAdd(R v) { return vaddvq_f32(v); }
  // Max/Min propagate NaN, which lets a clamp pass NaN through.
  static R Max(R a, R b) { return vmaxq_f32(a, b); }
  static R Min(R a, R b) { return vminq_f32(a, b); }
  // 2^n for integral n in the normal exponent range.
  static R Exp2Int(R n) {
    return vreinterpretq_f32_s32(vshlq_n_s32(vaddq_s32(vcvtq_s32_f32(n), vdupq_n_s32(127)), 23));
  }
  static T ReduceMax(R v) { return vmaxvq_f32(v); }
};

struct VecF64 {
  using T = double;
  using R = float64x2_t;
  static constexpr int kLanes = 2;
  static R Load(const T* p) { return vld1q_f64(p); }
  static void Store(T* p, R v) { vst1q_f64(p, v); }
  static R Set1(T v) { return vdupq_n_f64(v); }
  static R Zero() { return vdupq_n_f64(0.0); }
  static R Add(R a, R b) { return vaddq_f64(a, b); }
  static R Sub(R a, R b) { return vsubq_f64(a, b); }
  static R Mul(R a, R b) { return vmulq_f64(a, b); }
  static R Div(R a, R b) { return vdivq_f64(a, b); }
  static R Abs(R a) { return vabsq_f64(a); }
  static R Sqrt(R a) { return vsqrtq_f64(a); }
  static R Fma(R a, R b, R c) { return vfmaq_f64(c, a, b); }
  static R Round(R a) { return vrndnq_f64(a); }
  static R Floor(R a) { return vrndmq_f64(a); }
  static R Ceil(R a) { return vrndpq_f64(a); }
  static R Trunc(R a) { return vrndq_f64(a); }
  static R CopySign(R mag, R sgn) { return vbslq_f64(vdupq_n_u64(0x8000000000000000ull), sgn, mag); }
  static bool AllLe(R a, R b) {
    const uint64x2_t le = vcleq_f64(a, b);
    return (vgetq_lane_u64(le, 0) & vgetq_lane_u64(le, 1)) != 0;
  }
  // Per lane a < b ? x : y (y where either is NaN).
  static R SelectLt(R a, R b, R x, R y) { return vbslq_f64(vcltq_f64(a, b), x, y); }
  static T ReduceAdd(R v) { return vaddvq_f64(v); }
  static R Max(R a, R b) { return vmaxq_f64(a, b); }
  static R Min(R a, R b) { return vminq_f64(a, b); }
  static R Exp2Int(R n) {
    return vreinterpretq_f64_s64(vshlq_n_s64(vaddq_s64(vcvtq_s64_f64(n), vdupq_n_s64(1023)), 52));
  }
  // float32 lanes as two halves of float64 lanes and back (float32 functions evaluated in float64).
  static void FromF32(float32x4_t v, R& lo, R& hi) {
    lo = vcvt_f64_f32(vget_low_f32(v));
    hi = vcvt_high_f64_f32(v);
  }
  static float32x4_t ToF32(R lo, R hi) { return vcvt_high_f32_f64(vcvt_f32_f64(lo), hi); }
  // For positive normal x: its binary exponent (as a double) and its significand in [1, 2).
  static R Exponent(R x) {
    return vsubq_f64(vcvtq_f64_u64(vshrq_n_u64(vreinterpretq_u64_f64(x), 52)), vdupq_n_f64(1023.0));
  }
  static R Mantissa(R x) {
    const uint64x2_t m = vandq_u64(vreinterpretq_u64_f64(x), vdupq_n_u64(0x000FFFFFFFFFFFFFull));
    return vreinterpretq_f64_u64(vorrq_u64(m, vreinterpretq_u64_f64(vdupq_n_f64(1.0))));
  }
  static T ReduceMax(R v) { return vmaxvq_f64(v); }
};

}  // namespace neon
}  // namespace tg
