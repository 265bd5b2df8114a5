// One-lane "vector" traits: the reference ISA, and the oracle the SIMD tables are tested against.
#pragma once
#include <cmath>
#include <cstdint>
#include <type_traits>

#include "core/wrap.h"

namespace tg {
namespace ref {

template <class Elem>
struct ScalarVec {
  using T = Elem;
  using R = Elem;
  static constexpr int kLanes = 1;
  static R Load(const T* p) { return *p; }
  static void Store(T* p, R v) { *p = v; }
  static R Set1(T v) { return v; }
  static R Zero() { return T(0); }
  static R Add(R a, R b) { return WrapAdd(a, b); }
  static R Sub(R a, R b) { return WrapSub(a, b); }
  static R Mul(R a, R b) { return WrapMul(a, b); }
  static R Div(R a, R b) { return a / b; }
  static R Abs(R a) { return a < 0 ? WrapSub(R(0), a) : a; }
  static R Sqrt(R a) { return std::sqrt(a); }
  static R Fma(R a, R b, R c) { return WrapAdd(WrapMul(a, b), c); }
  static R Round(R a) { return std::nearbyint(a); }
  static R Floor(R a) { return std::floor(a); }
  static R Ceil(R a) { return std::ceil(a); }
  static R Trunc(R a) { return std::trunc(a); }
  static R CopySign(R mag, R sgn) { return std::copysign(mag, sgn); }
  static bool AllLe(R a, R b) { return a <= b; }
  // Per lane a < b ? x : y (y where either is NaN).
  static R SelectLt(R a, R b, R x, R y) { return a < b ? x : y; }
  static T ReduceAdd(R v) { return v; }
  // b when either is NaN, as x86's maxps: a clamp passes NaN through.
  static R Max(R a, R b) { return a > b ? a : b; }
  static R Min(R a, R b) { return a < b ? a : b; }
  // 2^n for integral n in the normal exponent range (NaN stays NaN: no int conversion of it).
  static R Exp2Int(R n) { return n != n ? n : std::ldexp(T(1), static_cast<int>(n)); }
  static T ReduceMax(R v) { return v; }
};

}  // namespace ref
}  // namespace tg
