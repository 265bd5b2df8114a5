// A vectorised exp for every ISA's traits V (Cephes-style): x = n ln2 + r with n = round(x / ln2)
// and |r| <= ln2 / 2 (Cody-Waite: ln2 in a short high part, so n * hi is exact, and a low part),
// exp(r) by a polynomial, then scaled by 2^n as 2^n1 * 2^n2 so that results near the overflow and
// underflow (subnormal) thresholds are rounded once. float32: Cephes expf's degree-7 polynomial;
// float64: the Taylor series to r^13 (truncation below 0.05 ulp). Max error (native/tests/
// kernel_test.cc, against a long-double exp): see docs/activations.md. NaN propagates through the
// clamp (V::Max/V::Min return their second operand for NaN); +-inf clamp to results inf and 0.
#pragma once

namespace tg {
namespace body {
namespace {  // internal linkage, see ops.h

template <class V>
typename V::R ExpV(typename V::R x) {
  using T = typename V::T;
  using R = typename V::R;
  if constexpr (sizeof(T) == 4) {
    x = V::Min(V::Set1(89.0f), V::Max(V::Set1(-104.0f), x));
    const R n = V::Round(V::Mul(x, V::Set1(1.44269504088896341f)));
    R r = V::Fma(n, V::Set1(-0.693359375f), x);
    r = V::Fma(n, V::Set1(2.12194440e-4f), r);
    R p = V::Set1(1.9875691500e-4f);
    p = V::Fma(p, r, V::Set1(1.3981999507e-3f));
    p = V::Fma(p, r, V::Set1(8.3334519073e-3f));
    p = V::Fma(p, r, V::Set1(4.1665795894e-2f));
    p = V::Fma(p, r, V::Set1(1.6666665459e-1f));
    p = V::Fma(p, r, V::Set1(5.0000001201e-1f));
    p = V::Fma(p, V::Mul(r, r), V::Add(r, V::Set1(1.0f)));
    const R n1 = V::Round(V::Mul(n, V::Set1(0.5f)));
    return V::Mul(V::Mul(p, V::Exp2Int(n1)), V::Exp2Int(V::Sub(n, n1)));
  } else {
    x = V::Min(V::Set1(710.0), V::Max(V::Set1(-746.0), x));
    const R n = V::Round(V::Mul(x, V::Set1(1.4426950408889634074)));
    R r = V::Fma(n, V::Set1(-6.93145751953125e-1), x);
    r = V::Fma(n, V::Set1(-1.42860682030941723212e-6), r);
    // 1/k! for k = 13 down to 2.
    constexpr double kInvFact[] = {1.0 / 6227020800.0, 1.0 / 479001600.0, 1.0 / 39916800.0, 1.0 / 3628800.0,
                                   1.0 / 362880.0,     1.0 / 40320.0,     1.0 / 5040.0,     1.0 / 720.0,
                                   1.0 / 120.0,        1.0 / 24.0,        1.0 / 6.0,        0.5};
    R p = V::Set1(kInvFact[0]);
    for (int k = 1; k < 12; ++k) p = V::Fma(p, r, V::Set1(kInvFact[k]));
    p = V::Fma(p, V::Mul(r, r), V::Add(r, V::Set1(1.0)));
    const R n1 = V::Round(V::Mul(n, V::Set1(0.5)));
    return V::Mul(V::Mul(p, V::Exp2Int(n1)), V::Exp2Int(V::Sub(n, n1)));
  }
}

// ExpV of one value: lane 0 of a vector of it, so a run's tail gets the same bits as its body.
template <class V>
typename V::T ExpS(typename V::T x) {
  typename V::T buf[V::kLanes];
  V::Store(buf, ExpV<V>(V::Set1(x)));
  return buf[0];
}

}  // namespace
}  // namespace body
}  // namespace tg
