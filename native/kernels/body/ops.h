// Element functions. Each has a scalar form and, where the ISA traits V can express it, a
// vector form; kernels fall back to the scalar form lane by lane otherwise.
#pragma once
#include <cmath>
#include <cstdint>
#include <limits>
#include <type_traits>

#include "core/wrap.h"

namespace tg {
// Internal linkage: each ISA's table.cc compiles its own copy with its own flags, and the
// linker must never merge an AVX-512 copy into the reference path (an ODR trap).
namespace {

template <class T>
inline T ScalarPow(T a, T b) {
  if constexpr (std::is_integral_v<T>) {
    if (b < 0) return a == 1 ? 1 : (a == -1 ? ((b & 1) ? -1 : 1) : 0);
    T r = 1;
    for (T e = b, base = a; e > 0; e >>= 1, base = WrapMul(base, base)) {
      if (e & 1) r = WrapMul(r, base);
    }
    return r;
  } else {
    return std::pow(a, b);  // floats only: the integer branch above handles ints
  }
}

// A float result stored in T: integer types (reached only when the addon is called directly;
// the library computes these functions in float) saturate instead of overflowing.
template <class T>
inline T FromFloat(double v) {
  if constexpr (std::is_integral_v<T>) {
    if (!(v == v)) return T(0);
    if (v >= static_cast<double>(std::numeric_limits<T>::max())) return std::numeric_limits<T>::max();
    if (v <= static_cast<double>(std::numeric_limits<T>::min())) return std::numeric_limits<T>::min();
    return static_cast<T>(v);
  } else {
    return static_cast<T>(v);
  }
}

// exp, log, sqrt, sigmoid, tanh in T's own precision for floats, through double for integers.
template <class T, class F>
inline T FloatFn(T x, F f) {
  if constexpr (std::is_integral_v<T>) {
    return FromFloat<T>(f(static_cast<double>(x)));
  } else {
    return f(x);
  }
}

struct AddOp {
  static constexpr bool kVector = true;
  template <class T>
  static T Apply(T a, T b) {
    return WrapAdd(a, b);
  }
  template <class V>
  static typename V::R ApplyV(typename V::R a, typename V::R b) {
    return V::Add(a, b);
  }
};
struct SubOp {
  static constexpr bool kVector = true;
  template <class T>
  static T Apply(T a, T b) {
    return WrapSub(a, b);
  }
  template <class V>
  static typename V::R ApplyV(typename V::R a, typename V::R b) {
    return V::Sub(a, b);
  }
};
struct MulOp {
  static constexpr bool kVector = true;
  template <class T>
  static T Apply(T a, T b) {
    return WrapMul(a, b);
  }
  template <class V>
  static typename V::R ApplyV(typename V::R a, typename V::R b) {
    return V::Mul(a, b);
  }
};
struct DivOp {
  static constexpr bool kVector = true;
  template <class T>
  static T Apply(T a, T b) {
    if constexpr (std::is_integral_v<T>) {
      // Integer division is floor division in PyTorch's floor_divide; true division is done in
      // float by the TS layer. Guard against SIGFPE here all the same.
      if (b == 0) return 0;
      if (b == -1) return WrapSub(T(0), a);
      T q = a / b;
      return (q * b != a && ((a < 0) != (b < 0))) ? q - 1 : q;
    } else {
      return a / b;
    }
  }
  template <class V>
  static typename V::R ApplyV(typename V::R a, typename V::R b) {
    return V::Div(a, b);
  }
};
struct PowOp {
  static constexpr bool kVector = false;
  template <class T>
  static T Apply(T a, T b) {
    return ScalarPow(a, b);
  }
};
// NaN-propagating like torch.maximum.
struct MaximumOp {
  static constexpr bool kVector = false;
  template <class T>
  static T Apply(T a, T b) {
    if constexpr (!std::is_integral_v<T>) {
      if (a != a || b != b) return a + b;
    }
    return a > b ? a : b;
  }
};
struct MinimumOp {
  static constexpr bool kVector = false;
  template <class T>
  static T Apply(T a, T b) {
    if constexpr (!std::is_integral_v<T>) {
      if (a != a || b != b) return a + b;
    }
    return a < b ? a : b;
  }
};

// Floats as -1 * x, not 0 - x: the negation of +0 is -0, as PyTorch's neg gives (and the JS path).
struct NegOp {
  static constexpr bool kVector = true;
  template <class T>
  static T Apply(T x) {
    if constexpr (std::is_integral_v<T>) {
      return WrapSub(T(0), x);
    } else {
      return -x;
    }
  }
  template <class V>
  static typename V::R ApplyV(typename V::R x) {
    if constexpr (std::is_integral_v<typename V::T>) {
      return V::Sub(V::Zero(), x);
    } else {
      return V::Mul(x, V::Set1(typename V::T(-1)));
    }
  }
};
struct AbsOp {
  static constexpr bool kVector = true;
  template <class T>
  static T Apply(T x) {
    return x < 0 ? WrapSub(T(0), x) : x;
  }
  template <class V>
  static typename V::R ApplyV(typename V::R x) {
    return V::Abs(x);
  }
};
struct SqrtOp {
  static constexpr bool kVector = true;
  template <class T>
  static T Apply(T x) {
    return FloatFn(x, [](auto v) { return std::sqrt(v); });
  }
  template <class V>
  static typename V::R ApplyV(typename V::R x) {
    return V::Sqrt(x);
  }
};
// relu keeps NaN and -0, as PyTorch's does (checked against PyTorch 1.13).
struct ReluOp {
  static constexpr bool kVector = false;
  template <class T>
  static T Apply(T x) {
    return x < 0 ? T(0) : x;
  }  // keeps -0 and NaN, as PyTorch
};
struct ExpOp {
  static constexpr bool kVector = false;
  template <class T>
  static T Apply(T x) {
    return FloatFn(x, [](auto v) { return std::exp(v); });
  }
};
struct LogOp {
  static constexpr bool kVector = false;
  template <class T>
  static T Apply(T x) {
    return FloatFn(x, [](auto v) { return std::log(v); });
  }
};
struct SigmoidOp {
  static constexpr bool kVector = false;
  template <class T>
  static T Apply(T x) {
    return FloatFn(x, [](auto v) { return decltype(v)(1) / (decltype(v)(1) + std::exp(-v)); });
  }
};
struct TanhOp {
  static constexpr bool kVector = false;
  template <class T>
  static T Apply(T x) {
    return FloatFn(x, [](auto v) { return std::tanh(v); });
  }
};
struct SignOp {
  static constexpr bool kVector = false;
  template <class T>
  static T Apply(T x) {
    return x > 0 ? T(1) : (x < 0 ? T(-1) : (x == 0 ? T(0) : x));
  }
};

}  // namespace
}  // namespace tg
