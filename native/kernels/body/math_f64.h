// float64 exp, log and sin/cos as vector code for the SIMD tables (the reference table keeps libm),
// within 1 ulp of the correctly rounded value; the float32 functions of math_wide.h evaluate on
// them too. Lanes outside a function's plain range (Inf, NaN, zero and negative arguments of log,
// exp's overflow and subnormal results, |x| past the sin/cos reduction's reach) take libm, per
// lane, so those results are libm's bits and a value's result never depends on its neighbours.
#pragma once
#include <cmath>
#include <cstddef>

namespace tg {
namespace body {
namespace {  // internal linkage, see ops.h

// Horner's rule over constant double coefficients, highest degree first.
template <class V, size_t N>
typename V::R HornerD(typename V::R x, const double (&c)[N]) {
  typename V::R p = V::Set1(c[0]);
  for (size_t k = 1; k < N; ++k) p = V::Fma(p, x, V::Set1(c[k]));
  return p;
}

// y with the lanes where x is outside [lo, hi] (NaN included) replaced by fn(x), one at a time.
template <class V, class Fn>
typename V::R FixOutside(typename V::R x, typename V::R y, typename V::T lo, typename V::T hi, Fn fn) {
  using T = typename V::T;
  if (V::AllLe(V::Set1(lo), x) && V::AllLe(x, V::Set1(hi))) return y;
  constexpr int L = V::kLanes;
  T xs[L], ys[L];
  V::Store(xs, x);
  V::Store(ys, y);
  for (int j = 0; j < L; ++j) {
    if (!(lo <= xs[j] && xs[j] <= hi)) ys[j] = fn(xs[j]);
  }
  return V::Load(ys);
}

// exp for |x| <= 709: x = n ln2 + r, |r| <= ln2 / 2 (ln2 in a 32-bit head, so n * head is exact,
// and a tail), exp(r) = 1 + (r + r^2 P(r)) with P the Taylor series to r^13 (truncation below
// 0.05 ulp), scaled by 2^n in two steps so that a result that is subnormal is rounded once.
template <class V>
typename V::R ExpScaled(typename V::R n, typename V::R r) {  // 2^n exp(r)
  using R = typename V::R;
  static constexpr double kInvFact[] = {1.0 / 6227020800.0, 1.0 / 479001600.0, 1.0 / 39916800.0, 1.0 / 3628800.0,
                                        1.0 / 362880.0,     1.0 / 40320.0,     1.0 / 5040.0,     1.0 / 720.0,
                                        1.0 / 120.0,        1.0 / 24.0,        1.0 / 6.0,        0.5};
  const R p = V::Fma(V::Mul(r, r), HornerD<V>(r, kInvFact), r);
  const R e = V::Add(V::Set1(1.0), p);
  const R n1 = V::Round(V::Mul(n, V::Set1(0.5)));
  return V::Mul(V::Mul(e, V::Exp2Int(n1)), V::Exp2Int(V::Sub(n, n1)));
}

template <class V>
typename V::R ExpD(typename V::R x) {
  using R = typename V::R;
  x = V::Min(V::Set1(710.0), V::Max(V::Set1(-746.0), x));
  const R n = V::Round(V::Mul(x, V::Set1(1.4426950408889634074)));
  const R r = V::Fma(n, V::Set1(-6.93147180369123816490e-01), x);
  return ExpScaled<V>(n, V::Fma(n, V::Set1(-1.90821492927058770002e-10), r));
}

// log for positive normal x (fdlibm's e_log.c): x = 2^k m, m in [sqrt(2)/2, sqrt(2)), f = m - 1,
// s = f / (2 + f), log(1 + f) = f - f^2/2 + s (f^2/2 + R(s^2)), ln2 in a head and a tail.
template <class V>
typename V::R LogD(typename V::R x) {
  using R = typename V::R;
  static constexpr double kLg[] = {1.479819860511658591e-01, 1.531383769920937332e-01, 1.818357216161805012e-01,
                                   2.222219843214978396e-01, 2.857142874366239149e-01, 3.999999999940941908e-01,
                                   6.666666666666735130e-01};
  const R sqrt2 = V::Set1(1.4142135623730951);
  const R m0 = V::Mantissa(x);
  const R k = V::SelectLt(sqrt2, m0, V::Add(V::Exponent(x), V::Set1(1.0)), V::Exponent(x));
  const R f = V::Sub(V::SelectLt(sqrt2, m0, V::Mul(m0, V::Set1(0.5)), m0), V::Set1(1.0));
  const R s = V::Div(f, V::Add(V::Set1(2.0), f));
  const R z = V::Mul(s, s);
  const R rz = V::Mul(z, HornerD<V>(z, kLg));
  const R hfsq = V::Mul(V::Set1(0.5), V::Mul(f, f));
  const R t = V::Fma(s, V::Add(hfsq, rz), V::Mul(k, V::Set1(1.90821492927058770002e-10)));
  return V::Fma(k, V::Set1(6.93147180369123816490e-01), V::Sub(f, V::Sub(hfsq, t)));
}

// log(1 + y) for y > -1 with 1 + y finite: log(u), u = 1 + y, corrected by u's rounding error.
template <class V>
typename V::R Log1pD(typename V::R y) {
  using R = typename V::R;
  const R u = V::Add(V::Set1(1.0), y);
  return V::Sub(LogD<V>(u), V::Div(V::Sub(V::Sub(u, V::Set1(1.0)), y), u));
}

// The sin/cos reduction's reach: n = round(|x| 2/pi) < 2^20, so n times each 33-bit part of pi/2
// is exact.
constexpr double kMaxTrigD = 1.5e6;

// |x| (<= kMaxTrigD) = n pi/2 + (hi + lo), |hi + lo| <= pi/4: pi/2 in three 33-bit parts and a
// tail (fdlibm's), the differences kept exactly in two two-sums.
template <class V>
void ReducePio2(typename V::R ax, typename V::R& n, typename V::R& hi, typename V::R& lo) {
  using R = typename V::R;
  n = V::Round(V::Mul(ax, V::Set1(6.36619772367581382433e-01)));
  const R a = V::Fma(n, V::Set1(-1.57079632673412561417e+00), ax);  // exact
  const R b = V::Mul(n, V::Set1(-6.07710050630396597660e-11));      // exact
  const R c = V::Mul(n, V::Set1(-2.02226624871116645580e-21));      // exact
  auto two_sum = [](R p, R q, R& err) {
    const R s = V::Add(p, q);
    const R pp = V::Sub(s, q);
    err = V::Add(V::Sub(p, pp), V::Sub(q, V::Sub(s, pp)));
    return s;
  };
  R e1, e2;
  const R s1 = two_sum(a, b, e1);
  const R s2 = two_sum(s1, c, e2);
  const R tail = V::Fma(n, V::Set1(-8.47842766036889956997e-32), V::Add(e1, e2));
  hi = V::Add(s2, tail);
  lo = V::Sub(tail, V::Sub(hi, s2));
}

// fdlibm's k_sin.c and k_cos.c: sin and cos of hi + lo, |hi| <= pi/4.
template <class V>
typename V::R KernelSinD(typename V::R x, typename V::R y) {
  using R = typename V::R;
  static constexpr double kS[] = {1.58969099521155010221e-10, -2.50507602534068634195e-08, 2.75573137070700676789e-06,
                                  -1.98412698298579493134e-04, 8.33333333332248946124e-03};
  const R z = V::Mul(x, x);
  const R v = V::Mul(z, x);
  const R r = HornerD<V>(z, kS);
  // x - ((z (y/2 - v r) - y) - v S1)
  const R inner = V::Sub(V::Mul(z, V::Sub(V::Mul(V::Set1(0.5), y), V::Mul(v, r))), y);
  return V::Sub(x, V::Sub(inner, V::Mul(v, V::Set1(-1.66666666666666324348e-01))));
}

template <class V>
typename V::R KernelCosD(typename V::R x, typename V::R y) {
  using R = typename V::R;
  static constexpr double kC[] = {-1.13596475577881948265e-11, 2.08757232129817482790e-09,  -2.75573143513906633035e-07,
                                  2.48015872894767294178e-05,  -1.38888888888741095749e-03, 4.16666666666666019037e-02};
  const R one = V::Set1(1.0);
  const R z = V::Mul(x, x);
  const R r = V::Mul(z, HornerD<V>(z, kC));
  const R hz = V::Mul(V::Set1(0.5), z);
  const R w = V::Sub(one, hz);
  return V::Add(w, V::Add(V::Sub(V::Sub(one, w), hz), V::Sub(V::Mul(z, r), V::Mul(x, y))));
}

// tan of |x| <= kMaxTrigD from the reduced sin and cos, to float32 precision (for math_wide.h).
template <class V>
typename V::R TanD(typename V::R x) {
  using R = typename V::R;
  const R ax = V::Abs(x);
  R n, hi, lo;
  ReducePio2<V>(ax, n, hi, lo);
  const R s = KernelSinD<V>(hi, lo), c = KernelCosD<V>(hi, lo);
  const R half = V::Floor(V::Mul(n, V::Set1(0.5)));
  const R odd = V::Sub(n, V::Add(half, half));
  const R t = V::SelectLt(odd, V::Set1(0.5), V::Div(s, c), V::Div(V::Sub(V::Zero(), c), s));
  return V::Mul(t, V::CopySign(V::Set1(1.0), x));
}

}  // namespace
}  // namespace body
}  // namespace tg
