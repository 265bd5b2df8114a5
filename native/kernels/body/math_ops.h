// Element functions of the "more math" family (sin ... erfinv, atan2, hypot, fmod, remainder).
// Scalar <cmath> forms, the reference on every ISA; reciprocal and rsqrt also have vector forms
// that give the same bits (a correctly rounded division and square root).
#pragma once
#include <cmath>
#include <cstdint>
#include <limits>
#include <type_traits>

#include "kernels/body/ops.h"

namespace tg {
namespace {  // internal linkage, see ops.h

// A float function of one argument as a kernel op: T's own precision for floats; integers
// (reached only when the addon is called directly) go through double and saturate.
#define TG_FLOAT_UNARY(Name, expr)                                   \
  struct Name {                                                      \
    static constexpr bool kVector = false;                           \
    template <class T>                                               \
    static T Apply(T x) {                                            \
      return FloatFn(x, [](auto v) -> decltype(v) { return expr; }); \
    }                                                                \
  };

TG_FLOAT_UNARY(SinOp, std::sin(v))
TG_FLOAT_UNARY(CosOp, std::cos(v))
TG_FLOAT_UNARY(TanOp, std::tan(v))
TG_FLOAT_UNARY(AsinOp, std::asin(v))
TG_FLOAT_UNARY(AcosOp, std::acos(v))
TG_FLOAT_UNARY(AtanOp, std::atan(v))
TG_FLOAT_UNARY(SinhOp, std::sinh(v))
TG_FLOAT_UNARY(CoshOp, std::cosh(v))
TG_FLOAT_UNARY(AsinhOp, std::asinh(v))
TG_FLOAT_UNARY(AcoshOp, std::acosh(v))
TG_FLOAT_UNARY(AtanhOp, std::atanh(v))
TG_FLOAT_UNARY(Log1pOp, std::log1p(v))
TG_FLOAT_UNARY(Expm1Op, std::expm1(v))
TG_FLOAT_UNARY(Log2Op, std::log2(v))
TG_FLOAT_UNARY(Log10Op, std::log10(v))
TG_FLOAT_UNARY(Exp2Op, std::exp2(v))
TG_FLOAT_UNARY(ErfOp, std::erf(v))
#undef TG_FLOAT_UNARY

// Rounding: the identity on integers (PyTorch returns integer inputs unchanged). round is
// nearbyint, half to even under the default rounding mode, as PyTorch's; the vector forms are
// the ISA's round-to-integral instructions, bit for bit the same.
#define TG_ROUNDING_UNARY(Name, fn, Vfn)           \
  struct Name {                                    \
    static constexpr bool kVector = true;          \
    template <class T>                             \
    static T Apply(T x) {                          \
      if constexpr (std::is_integral_v<T>) {       \
        return x;                                  \
      } else {                                     \
        return fn(x);                              \
      }                                            \
    }                                              \
    template <class V>                             \
    static typename V::R ApplyV(typename V::R x) { \
      return V::Vfn(x);                            \
    }                                              \
  };

TG_ROUNDING_UNARY(FloorOp, std::floor, Floor)
TG_ROUNDING_UNARY(CeilOp, std::ceil, Ceil)
TG_ROUNDING_UNARY(RoundOp, std::nearbyint, Round)
TG_ROUNDING_UNARY(TruncOp, std::trunc, Trunc)
#undef TG_ROUNDING_UNARY

// x - trunc(x), PyTorch's formula (so frac(inf) is NaN, as there).
struct FracOp {
  static constexpr bool kVector = true;
  template <class T>
  static T Apply(T x) {
    if constexpr (std::is_integral_v<T>) {
      return T(0);
    } else {
      return x - std::trunc(x);
    }
  }
  template <class V>
  static typename V::R ApplyV(typename V::R x) {
    return V::Sub(x, V::Trunc(x));
  }
};

struct ReciprocalOp {
  static constexpr bool kVector = true;
  template <class T>
  static T Apply(T x) {
    return FloatFn(x, [](auto v) { return decltype(v)(1) / v; });
  }
  template <class V>
  static typename V::R ApplyV(typename V::R x) {
    return V::Div(V::Set1(typename V::T(1)), x);
  }
};

struct RsqrtOp {
  static constexpr bool kVector = true;
  template <class T>
  static T Apply(T x) {
    return FloatFn(x, [](auto v) { return decltype(v)(1) / std::sqrt(v); });
  }
  template <class V>
  static typename V::R ApplyV(typename V::R x) {
    return V::Div(V::Set1(typename V::T(1)), V::Sqrt(x));
  }
};

// The inverse error function as PyTorch computes it (calc_erfinv in ATen's Math.h, after
// Pavlis's translation of MATLAB's erfinv): a rational first guess, central or tail, then two
// Newton steps on erf, all in T. Debian's build fuses each Horner step into an FMA; fused here
// too, its results are PyTorch's bit for bit (220,001 float32 and float64 inputs checked).
template <class T>
T Erfinv(T y) {
  const T a[4] = {T(0.886226899), T(-1.645349621), T(0.914624893), T(-0.140543331)};
  const T b[4] = {T(-2.118377725), T(1.442710462), T(-0.329097515), T(0.012229801)};
  const T c[4] = {T(-1.970840454), T(-1.624906493), T(3.429567803), T(1.641345311)};
  const T d[2] = {T(3.543889200), T(1.637067800)};
  const T y_abs = std::abs(y);
  if (y_abs > T(1) || y != y) return std::numeric_limits<T>::quiet_NaN();
  if (y_abs == T(1)) return std::copysign(std::numeric_limits<T>::infinity(), y);
  T x;
  if (y_abs <= T(0.7)) {
    const T z = y * y;
    const T num = std::fma(std::fma(std::fma(a[3], z, a[2]), z, a[1]), z, a[0]);
    const T dem = std::fma(std::fma(std::fma(std::fma(b[3], z, b[2]), z, b[1]), z, b[0]), z, T(1));
    x = y * num / dem;
  } else {
    const T z = std::sqrt(-std::log((T(1) - y_abs) / T(2)));
    const T num = std::fma(std::fma(std::fma(c[3], z, c[2]), z, c[1]), z, c[0]);
    const T dem = std::fma(std::fma(d[1], z, d[0]), z, T(1));
    x = std::copysign(num, y) / dem;
  }
  const T two_over_sqrt_pi = T(2) / static_cast<T>(std::sqrt(3.14159265358979323846));
  x = x - (std::erf(x) - y) / (two_over_sqrt_pi * std::exp(-x * x));
  x = x - (std::erf(x) - y) / (two_over_sqrt_pi * std::exp(-x * x));
  return x;
}

struct ErfinvOp {
  static constexpr bool kVector = false;
  template <class T>
  static T Apply(T x) {
    return FloatFn(x, [](auto v) { return Erfinv(v); });
  }
};

struct Atan2Op {
  static constexpr bool kVector = false;
  template <class T>
  static T Apply(T a, T b) {
    if constexpr (std::is_integral_v<T>) {
      return FromFloat<T>(std::atan2(static_cast<double>(a), static_cast<double>(b)));
    } else {
      return std::atan2(a, b);
    }
  }
};

struct HypotOp {
  static constexpr bool kVector = false;
  template <class T>
  static T Apply(T a, T b) {
    if constexpr (std::is_integral_v<T>) {
      return FromFloat<T>(std::hypot(static_cast<double>(a), static_cast<double>(b)));
    } else {
      return std::hypot(a, b);
    }
  }
};

// C's truncated remainder. Integer division by zero is refused by the library before it gets
// here (PyTorch's ZeroDivisionError); the guards only keep a direct call from trapping.
struct FmodOp {
  static constexpr bool kVector = false;
  template <class T>
  static T Apply(T a, T b) {
    if constexpr (std::is_integral_v<T>) {
      if (b == 0 || b == -1) return T(0);
      return a % b;
    } else {
      return std::fmod(a, b);
    }
  }
};

// Python's remainder (the sign of the divisor), PyTorch's formula: fmod, then add b when the
// signs differ and the remainder is not zero (so -4 % 2 is -0 and -1 % inf is inf, as there).
struct RemainderOp {
  static constexpr bool kVector = false;
  template <class T>
  static T Apply(T a, T b) {
    if constexpr (std::is_integral_v<T>) {
      if (b == 0 || b == -1) return T(0);
      const T r = a % b;
      return (r != 0 && ((b < 0) != (r < 0))) ? r + b : r;
    } else {
      T r = std::fmod(a, b);
      if (r != 0 && ((b < 0) != (r < 0))) r += b;
      return r;
    }
  }
};

}  // namespace
}  // namespace tg
