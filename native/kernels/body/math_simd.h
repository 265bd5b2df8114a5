// float32 sin and cos as vector polynomials, for the SIMD tables (the reference table keeps
// libm). |x| is reduced by Cody-Waite with pi in three parts and fused multiply-adds, then
// sin(r), r in [-pi/2, pi/2], is r + r^3 P(r^2) with P of degree 3 (minimax for relative
// error, 6e-9 before float32 rounding). Lanes with |x| > kMaxArg, Inf or NaN take libm, so a
// value's result never depends on its neighbours. Within 2 ulp of the correctly rounded value
// (native/tests/kernel_test.cc checks a dense sample of float32 inputs).
#pragma once
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <type_traits>

#include "kernels/body/math_f64.h"
#include "kernels/body/math_ops.h"
#include "kernels/body/math_wide.h"
#include "kernels/body/vexp.h"
#include "kernels/table.h"

namespace tg {
namespace body {
namespace {  // internal linkage, see ops.h

constexpr float kMaxArg = 125.0f;
constexpr float kTwoOverPi = 0.63661975f;
// pi/2 = kPio2_1 + kPio2_2 + kPio2_3 (+ 8.5e-20): kPio2_1 has 8 significant bits, so n * kPio2_1
// is exact for the n < 128 that |x| <= kMaxArg gives.
constexpr float kPio2_1 = 1.5703125f;
constexpr float kPio2_2 = 0.0004838268f;
constexpr float kPio2_3 = 2.563344e-12f;
// On |r| <= pi/4, s = r^2: sin(r) = r + r s (c1 + c2 s + c3 s^2 + c4 s^3) and
// cos(r) = (1 - s/2) + s^2 (d1 + d2 s + d3 s^2).
constexpr float kSinPoly[] = {2.6058915e-06f, -0.0001980965f, 0.0083330665f, -0.1666666f};
constexpr float kCosPoly[] = {2.443315711809948e-05f, -1.388731625493765e-03f, 4.166664568298827e-02f};

// float32 sin and cos within 1 ulp: |x| = r + n pi/2 with |r| <= pi/4 (pi/2 in three parts, with
// fused multiply-adds), then sin(x + k pi/2) by the quadrant k = n (sin) or n + 1 (cos): the
// sine polynomial for even k, the cosine one for odd, negated for k mod 4 >= 2. Reducing to
// pi/4 keeps each polynomial's correction term small next to its leading term, so the result
// carries about one rounding (a reduction by pi, as before, reached 2 ulp near |r| = pi/2).
// Lanes with |x| > kMaxArg, Inf or NaN take libm, per lane.
template <bool kCos>
struct SinCosF32 {
  template <class V>
  static typename V::R ApplyV(typename V::R x) {
    using R = typename V::R;
    const R ax = V::Abs(x);
    const R n = V::Round(V::Mul(ax, V::Set1(kTwoOverPi)));
    R r = V::Fma(n, V::Set1(-kPio2_1), ax);
    r = V::Fma(n, V::Set1(-kPio2_2), r);
    r = V::Fma(n, V::Set1(-kPio2_3), r);
    const R s = V::Mul(r, r);
    R p = V::Set1(kSinPoly[0]);
    for (int i = 1; i < 4; ++i) p = V::Fma(p, s, V::Set1(kSinPoly[i]));
    const R ys = V::Fma(V::Mul(s, r), p, r);
    R q = V::Set1(kCosPoly[0]);
    for (int i = 1; i < 3; ++i) q = V::Fma(q, s, V::Set1(kCosPoly[i]));
    // h = 1 - r^2/2 rounded once (-r/2 is exact), e = its rounding error, exactly: 1 - h is exact
    // (Sterbenz), and (1 - h) - r^2/2 is one fused step. Then h + (e + s^2 Q) rounds once more:
    // two roundings in a row misrounded about 40% of the cosine lanes, this about 10%.
    const R mhr = V::Mul(r, V::Set1(-0.5f));
    const R h = V::Fma(mhr, r, V::Set1(1.0f));
    const R e = V::Fma(mhr, r, V::Sub(V::Set1(1.0f), h));
    const R yc = V::Add(h, V::Fma(V::Mul(s, s), q, e));
    const R k = kCos ? V::Add(n, V::Set1(1.0f)) : n;
    const R k4 = V::Sub(k, V::Mul(V::Floor(V::Mul(k, V::Set1(0.25f))), V::Set1(4.0f)));  // 0..3
    const R odd = V::Sub(k4, V::Mul(V::Floor(V::Mul(k4, V::Set1(0.5f))), V::Set1(2.0f)));
    R y = V::SelectLt(odd, V::Set1(0.5f), ys, yc);
    y = V::SelectLt(k4, V::Set1(1.5f), y, V::Mul(y, V::Set1(-1.0f)));
    // sin is odd: the sign of x, kept for -0 too.
    if constexpr (!kCos) y = V::Mul(y, V::CopySign(V::Set1(1.0f), x));
    if (!V::AllLe(ax, V::Set1(kMaxArg))) {
      constexpr int L = V::kLanes;
      float xs[L], ys_out[L];
      V::Store(xs, x);
      V::Store(ys_out, y);
      for (int j = 0; j < L; ++j) {
        if (!(std::abs(xs[j]) <= kMaxArg)) ys_out[j] = kCos ? std::cos(xs[j]) : std::sin(xs[j]);
      }
      y = V::Load(ys_out);
    }
    return y;
  }
};

// Horner's rule over constant coefficients, highest degree first.
template <class V, size_t N>
typename V::R Horner(typename V::R x, const float (&c)[N]) {
  typename V::R p = V::Set1(c[0]);
  for (size_t k = 1; k < N; ++k) p = V::Fma(p, x, V::Set1(c[k]));
  return p;
}

// float32 erf. |x| < 1: x (c0 + s P(s)), s = x^2, with c0 = 2/sqrt(pi) in two parts (its
// float32 rounding alone would cost 0.5 ulp). Otherwise erf = 1 - erfc with
// log(erfc t) + t^2 = G(t - 2.5) on [1, 4] (erfc(1) = 0.157 scales every error there down;
// beyond 3.92 erf rounds to 1), and exp(-t^2) = exp(-hi) (1 - lo) with t^2 = hi + lo exactly.
// Coefficients: least-squares fits (Lawson-weighted towards minimax) to mpmath values.
struct ErfF32 {
  template <class V>
  static typename V::R ApplyV(typename V::R x) {
    using R = typename V::R;
    static constexpr float kSmall[] = {1.056297037e-06f, -1.389869794e-05f, 1.195481891e-04f, -8.542488795e-04f,
                                       5.223776214e-03f, -2.686613053e-02f, 1.128379107e-01f, -3.761263788e-01f};
    static constexpr float kLarge[] = {-4.380842711e-08f, -6.592402002e-08f, 1.860490102e-06f, -1.297565086e-05f,
                                       7.690925122e-05f,  -4.207077436e-04f, 2.165550133e-03f, -1.085816510e-02f,
                                       5.610625073e-02f,  -3.526807427e-01f, -1.556815267e+00f};
    const R t = V::Abs(x);
    const R s = V::Mul(x, x);
    const R q = V::Fma(Horner<V>(s, kSmall), s, V::Set1(-5.863538277e-08f));
    const R small = V::CopySign(V::Fma(t, V::Set1(1.128379226f), V::Mul(t, q)), x);
    const R tc = V::Min(V::Set1(4.0f), V::Max(V::Set1(1.0f), t));  // NaN passes through
    const R g = Horner<V>(V::Sub(tc, V::Set1(2.5f)), kLarge);
    const R hi = V::Mul(tc, tc);
    const R lo = V::Fma(tc, tc, V::Sub(V::Zero(), hi));
    const R e = ExpV<V>(V::Sub(g, hi));
    const R erfc = V::Fma(V::Sub(V::Zero(), e), lo, e);
    const R large = V::CopySign(V::Sub(V::Set1(1.0f), erfc), x);
    return V::SelectLt(t, V::Set1(1.0f), small, large);
  }
};

// float32 atan: |x| > 1 is reduced by atan|x| = pi/2 - atan(1/|x|); on [0, 1],
// atan z = z + z s P(s), s = z^2 (fit as for erf); pi/2 in two parts.
struct AtanF32 {
  template <class V>
  static typename V::R ApplyV(typename V::R x) {
    using R = typename V::R;
    static constexpr float kP[] = {-1.793571282e-03f, 1.091437973e-02f,  -3.117742389e-02f,
                                   5.795716867e-02f,  -8.403425664e-02f, 1.095217764e-01f,
                                   -1.426423937e-01f, 1.999854743e-01f,  -3.333329856e-01f};
    const R one = V::Set1(1.0f);
    const R t = V::Abs(x);
    const R z = V::SelectLt(one, t, V::Div(one, t), t);
    const R s = V::Mul(z, z);
    const R y = V::Fma(V::Mul(z, s), Horner<V>(s, kP), z);
    const R big = V::Add(V::Sub(V::Set1(1.57079637f), y), V::Set1(-4.37113883e-08f));
    return V::CopySign(V::SelectLt(one, t, big, y), x);
  }
};

// float32 tanh: |x| < 1, x + x s P(s) (fit as for erf); otherwise 1 - 2 / (exp(2|x|) + 1), where
// tanh >= 0.76 and exp's error is scaled by 2 / (e + 1) <= 0.24. |x| is clamped at 9.1, beyond
// which tanh rounds to 1 (inf too); NaN passes through the clamp.
struct TanhF32 {
  template <class V>
  static typename V::R ApplyV(typename V::R x) {
    using R = typename V::R;
    static constexpr float kP[] = {1.396160405e-05f, -1.107280477e-04f, 4.529459984e-04f, -1.356523600e-03f,
                                   3.543840023e-03f, -8.847819641e-03f, 2.186639421e-02f, -5.396789312e-02f,
                                   1.333333105e-01f, -3.333333433e-01f};
    const R one = V::Set1(1.0f);
    const R t = V::Abs(x);
    const R s = V::Mul(t, t);
    const R small = V::Fma(V::Mul(t, s), Horner<V>(s, kP), t);
    const R tc = V::Min(V::Set1(9.1f), t);
    const R e = ExpV<V>(V::Add(tc, tc));
    const R large = V::Sub(one, V::Div(V::Set1(2.0f), V::Add(e, one)));
    return V::CopySign(V::SelectLt(t, one, small, large), x);
  }
};

// A run where every element, the tail included, goes through the vector form: the tail is
// padded into one vector, so an element's bits never depend on its position in the tensor.
template <class V, class Op>
void UnaryRunAllVector(const typename V::T* x, typename V::T* out, int64_t n) {
  using T = typename V::T;
  constexpr int L = V::kLanes;
  int64_t i = 0;
  for (; i + L <= n; i += L) V::Store(out + i, Op::template ApplyV<V>(V::Load(x + i)));
  if (i < n) {
    T buf[L] = {};
    for (int64_t j = i; j < n; ++j) buf[j - i] = x[j];
    V::Store(buf, Op::template ApplyV<V>(V::Load(buf)));
    for (int64_t j = i; j < n; ++j) out[j] = buf[j - i];
  }
}

// The vector polynomials of the SIMD tables; the reference table keeps libm.
template <class V>
void FillMathSimd(TypedKernels<typename V::T>& t) {
  if constexpr (std::is_same_v<typename V::T, float> && V::kLanes > 1) {
    t.unary[kSin] = &UnaryRunAllVector<V, SinCosF32<false>>;
    t.unary[kCos] = &UnaryRunAllVector<V, SinCosF32<true>>;
    t.unary[kTan] = &UnaryRunAllVector<V, WideUnary<WTan>>;
    t.unary[kErf] = &UnaryRunAllVector<V, ErfF32>;
    t.unary[kAtan] = &UnaryRunAllVector<V, AtanF32>;
    t.unary[kTanh] = &UnaryRunAllVector<V, TanhF32>;
    t.unary[kExp] = &UnaryRunAllVector<V, WideUnary<WExp>>;
    t.unary[kExpm1] = &UnaryRunAllVector<V, WideUnary<WExpm1>>;
    t.unary[kLog] = &UnaryRunAllVector<V, WideUnary<WLog<0>>>;
    t.unary[kLog2] = &UnaryRunAllVector<V, WideUnary<WLog<2>>>;
    t.unary[kLog10] = &UnaryRunAllVector<V, WideUnary<WLog<10>>>;
    t.unary[kLog1p] = &UnaryRunAllVector<V, WideUnary<WLog1p>>;
    t.unary[kSinh] = &UnaryRunAllVector<V, WideUnary<WSinh>>;
    t.unary[kCosh] = &UnaryRunAllVector<V, WideUnary<WCosh>>;
  }
}

}  // namespace
}  // namespace body
}  // namespace tg
