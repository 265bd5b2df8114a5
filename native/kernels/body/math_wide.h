// float32 transcendental functions evaluated in float64 vector lanes (the float32 vector widened
// into two halves, math_f64.h's exp/log/sin/cos, rounded back once): each is within a few float64
// ulps before the final rounding, so within 1 ulp of the correctly rounded float32 (mostly the
// correctly rounded value itself). Lanes outside a function's plain range (NaN, Inf, domain edges,
// overflow) take float libm, per lane, so those bits are libm's. The reference table keeps libm.
#pragma once
#include <cmath>

#include "kernels/body/math_f64.h"

namespace tg {
namespace body {
namespace {  // internal linkage, see ops.h

constexpr float kFltMax = 3.40282347e38f;

// A float32 function: F::D evaluates the float64 halves, lanes outside [F::kLo, F::kHi] take
// F::Libm.
template <class F>
struct WideUnary {
  template <class V>
  static typename V::R ApplyV(typename V::R x) {
    using W = typename V::Wide;
    typename W::R lo, hi;
    W::FromF32(x, lo, hi);
    const typename V::R y = W::ToF32(F::template D<W>(lo), F::template D<W>(hi));
    return FixOutside<V>(x, y, F::kLo, F::kHi, [](float v) { return F::Libm(v); });
  }
};

struct WExp {
  static constexpr float kLo = -120.0f, kHi = 100.0f;
  static float Libm(float v) { return std::exp(v); }
  template <class W>
  static typename W::R D(typename W::R x) {
    return ExpD<W>(x);
  }
};

// expm1: exp(x) - 1 for |x| >= 2^-10 (exp's error relative to the result stays below 2^-43);
// below, the Taylor series to x^5.
struct WExpm1 {
  static constexpr float kLo = -120.0f, kHi = 100.0f;
  static float Libm(float v) { return std::expm1(v); }
  template <class W>
  static typename W::R D(typename W::R x) {
    static constexpr double kP[] = {1.0 / 120.0, 1.0 / 24.0, 1.0 / 6.0, 0.5};
    const typename W::R small = W::Fma(W::Mul(x, x), HornerD<W>(x, kP), x);
    const typename W::R large = W::Sub(ExpD<W>(x), W::Set1(1.0));
    // (x itself below 2^-60: -0 stays -0)
    return W::SelectLt(W::Abs(x), W::Set1(0x1p-60), x, W::SelectLt(W::Abs(x), W::Set1(0x1p-10), small, large));
  }
};

// Positive finite arguments: float32's are normal float64s.
template <int kBase>  // 0: e, 2, 10
struct WLog {
  static constexpr float kLo = 1e-45f, kHi = kFltMax;
  static float Libm(float v) { return kBase == 0 ? std::log(v) : kBase == 2 ? std::log2(v) : std::log10(v); }
  template <class W>
  static typename W::R D(typename W::R x) {
    const typename W::R l = LogD<W>(x);
    if constexpr (kBase == 0) return l;
    return W::Mul(l, W::Set1(kBase == 2 ? 1.44269504088896340736 : 0.43429448190325182765));
  }
};

struct WLog1p {
  static constexpr float kLo = -0.99999994f, kHi = kFltMax;
  static float Libm(float v) { return std::log1p(v); }
  template <class W>
  static typename W::R D(typename W::R x) {
    return W::SelectLt(W::Abs(x), W::Set1(0x1p-60), x, Log1pD<W>(x));  // -0 stays -0
  }
};

// sinh: below 1 the Taylor series to x^17 (x + x^3 P(x^2)); above, (e - 1/e) / 2, e = exp|x|.
// float32 overflows past 89.4: float64 does not, and the final rounding gives Inf.
struct WSinh {
  static constexpr float kLo = -100.0f, kHi = 100.0f;
  static float Libm(float v) { return std::sinh(v); }
  template <class W>
  static typename W::R D(typename W::R x) {
    using R = typename W::R;
    static constexpr double kP[] = {
        1.0 / 355687428096000.0, 1.0 / 1307674368000.0, 1.0 / 6227020800.0, 1.0 / 39916800.0,
        1.0 / 362880.0,          1.0 / 5040.0,          1.0 / 120.0,        1.0 / 6.0};
    const R t = W::Abs(x);
    const R z = W::Mul(t, t);
    const R small = W::Fma(W::Mul(t, z), HornerD<W>(z, kP), t);
    const R e = ExpD<W>(t);
    const R large = W::Mul(W::Set1(0.5), W::Sub(e, W::Div(W::Set1(1.0), e)));
    return W::CopySign(W::SelectLt(t, W::Set1(1.0), small, large), x);
  }
};

struct WCosh {
  static constexpr float kLo = -100.0f, kHi = 100.0f;
  static float Libm(float v) { return std::cosh(v); }
  template <class W>
  static typename W::R D(typename W::R x) {
    const typename W::R e = ExpD<W>(W::Abs(x));
    return W::Mul(W::Set1(0.5), W::Add(e, W::Div(W::Set1(1.0), e)));
  }
};

// tan through the float64 reduction and the sine and cosine kernels of math_f64.h.
struct WTan {
  static constexpr float kLo = -static_cast<float>(kMaxTrigD), kHi = static_cast<float>(kMaxTrigD);
  static float Libm(float v) { return std::tan(v); }
  template <class W>
  static typename W::R D(typename W::R x) {
    return TanD<W>(x);
  }
};

}  // namespace
}  // namespace body
}  // namespace tg
