// Activations and softmax for every ISA: each kernels/<isa>/table.cc includes this after its
// vector traits and calls FillActivations for its float tables. Formulas and their special values
// (NaN, +-inf, -0) follow PyTorch 1.13's CPU kernels.
#pragma once
#include <cmath>
#include <cstdint>
#include <limits>

#include "kernels/body/vexp.h"
#include "kernels/table.h"

namespace tg {
namespace body {
namespace {  // internal linkage, see ops.h

// Op::Apply<V>(x, p0, p1) for one element; Op::ApplyV<V> for a vector where kVector. The scalar
// form of a vector op takes its exp from ExpS, so every element of a run gets the same bits.
struct GeluAct {
  static constexpr bool kVector = false;
  template <class V, class T>
  static T Apply(T x, T, T) {
    return x * T(0.5) * (T(1) + std::erf(x * T(M_SQRT1_2)));
  }
};
constexpr double kGeluBeta = M_SQRT2 * M_2_SQRTPI * 0.5;
constexpr double kGeluKappa = 0.044715;
// 0.5 x (1 + tanh(u)) written as x * sigmoid(2u) = x / (1 + exp(-2u)), u = k0 (x + k1 x^3): the
// same function without tanh's cancellation for negative x, and vectorisable with ExpV.
struct GeluTanhAct {
  static constexpr bool kVector = true;
  template <class V, class T>
  static T Apply(T x, T, T) {
    const T u = T(kGeluBeta) * (x + T(kGeluKappa) * x * x * x);
    return x / (T(1) + ExpS<V>(T(-2) * u));
  }
  template <class V>
  static typename V::R ApplyV(typename V::R x, typename V::T, typename V::T) {
    using T = typename V::T;
    const typename V::R x3 = V::Mul(V::Mul(x, x), x);
    const typename V::R u = V::Mul(V::Set1(T(kGeluBeta)), V::Add(x, V::Mul(V::Set1(T(kGeluKappa)), x3)));
    return V::Div(x, V::Add(V::Set1(T(1)), ExpV<V>(V::Mul(V::Set1(T(-2)), u))));
  }
};
// x * sigmoid(x) as x / (1 + exp(-x)): -inf gives NaN, as PyTorch's.
struct SiluAct {
  static constexpr bool kVector = true;
  template <class V, class T>
  static T Apply(T x, T, T) {
    return x / (T(1) + ExpS<V>(-x));
  }
  template <class V>
  static typename V::R ApplyV(typename V::R x, typename V::T, typename V::T) {
    return V::Div(x, V::Add(V::Set1(1), ExpV<V>(V::Sub(V::Zero(), x))));
  }
};
struct MishAct {
  static constexpr bool kVector = false;
  template <class V, class T>
  static T Apply(T x, T, T) {
    return x * std::tanh(std::log1p(std::exp(x)));
  }
};
// min(x, 0) - log1p(exp(-|x|)), keeping NaN.
struct LogSigmoidAct {
  static constexpr bool kVector = false;
  template <class V, class T>
  static T Apply(T x, T, T) {
    return (x > 0 ? T(0) : x) - std::log1p(std::exp(-std::fabs(x)));
  }
};
struct SoftplusAct {
  static constexpr bool kVector = false;
  template <class V, class T>
  static T Apply(T x, T beta, T threshold) {
    return x * beta > threshold ? x : std::log1p(std::exp(x * beta)) / beta;
  }
};
struct EluAct {
  static constexpr bool kVector = false;
  template <class V, class T>
  static T Apply(T x, T alpha, T) {
    return x <= 0 ? std::expm1(x) * alpha : x;
  }
};
struct LeakyReluAct {
  static constexpr bool kVector = false;
  template <class V, class T>
  static T Apply(T x, T slope, T) {
    return x > 0 ? x : x * slope;
  }
};
// d gelu / dx = Phi(x) + x phi(x).
struct GeluDerivAct {
  static constexpr bool kVector = false;
  template <class V, class T>
  static T Apply(T x, T, T) {
    const T cdf = T(0.5) * (T(1) + std::erf(x * T(M_SQRT1_2)));
    const T pdf = std::exp(T(-0.5) * x * x) * T(M_2_SQRTPI * M_SQRT1_2 * 0.5);
    return cdf + x * pdf;
  }
};
struct GeluTanhDerivAct {
  static constexpr bool kVector = false;
  template <class V, class T>
  static T Apply(T x, T, T) {
    const T x2 = x * x;
    const T t = std::tanh(T(kGeluBeta) * (x + T(kGeluKappa) * x2 * x));
    const T du = T(kGeluBeta) * (T(1) + T(3 * kGeluKappa) * x2);
    return T(0.5) * (T(1) + t) + T(0.5) * x * (T(1) - t * t) * du;
  }
};
struct VecExpAct {
  static constexpr bool kVector = true;
  template <class V, class T>
  static T Apply(T x, T, T) {
    return ExpS<V>(x);
  }
  template <class V>
  static typename V::R ApplyV(typename V::R x, typename V::T, typename V::T) {
    return ExpV<V>(x);
  }
};

template <class V, class Op>
void ActivationRun(const typename V::T* x, typename V::T* out, int64_t n, typename V::T p0, typename V::T p1) {
  using T = typename V::T;
  constexpr int L = V::kLanes;
  int64_t i = 0;
  if constexpr (Op::kVector) {
    for (; i + L <= n; i += L) V::Store(out + i, Op::template ApplyV<V>(V::Load(x + i), p0, p1));
  }
  for (; i < n; ++i) out[i] = Op::template Apply<V, T>(x[i], p0, p1);
}

// Per row: the max, exp(x - max) summed (and stored for softmax), then scaled by 1 / sum, or
// x - (max + log(sum)) for log_softmax, as PyTorch's vectorised last-dim kernels. A row of -inf
// has max -inf and gives NaN, as PyTorch's; NaN anywhere makes the sum and so the row NaN.
template <class V>
void SoftmaxRows(const typename V::T* x, typename V::T* out, int64_t rows, int64_t n, bool log) {
  using T = typename V::T;
  using R = typename V::R;
  constexpr int L = V::kLanes;
  const T ninf = -std::numeric_limits<T>::infinity();
  for (int64_t row = 0; row < rows; ++row, x += n, out += n) {
    R m0 = V::Set1(ninf), m1 = m0;
    int64_t i = 0;
    for (; i + 2 * L <= n; i += 2 * L) {
      m0 = V::Max(m0, V::Load(x + i));
      m1 = V::Max(m1, V::Load(x + i + L));
    }
    for (; i + L <= n; i += L) m0 = V::Max(m0, V::Load(x + i));
    T m = V::ReduceMax(V::Max(m0, m1));
    for (; i < n; ++i) m = x[i] > m ? x[i] : m;
    const R mv = V::Set1(m);
    R s0 = V::Zero(), s1 = V::Zero();
    i = 0;
    for (; i + 2 * L <= n; i += 2 * L) {
      const R e0 = ExpV<V>(V::Sub(V::Load(x + i), mv));
      const R e1 = ExpV<V>(V::Sub(V::Load(x + i + L), mv));
      if (!log) {
        V::Store(out + i, e0);
        V::Store(out + i + L, e1);
      }
      s0 = V::Add(s0, e0);
      s1 = V::Add(s1, e1);
    }
    T sum = V::ReduceAdd(V::Add(s0, s1));
    for (; i < n; ++i) {
      const T e = ExpS<V>(x[i] - m);
      if (!log) out[i] = e;
      sum += e;
    }
    i = 0;
    if (log) {  // (x - max) - log(sum): x - max is exact near the max, as PyTorch's order
      const T c = std::log(sum);
      const R cv = V::Set1(c);
      for (; i + L <= n; i += L) V::Store(out + i, V::Sub(V::Sub(V::Load(x + i), mv), cv));
      for (; i < n; ++i) out[i] = (x[i] - m) - c;
    } else {
      const T inv = T(1) / sum;
      const R iv = V::Set1(inv);
      for (; i + L <= n; i += L) V::Store(out + i, V::Mul(V::Load(out + i), iv));
      for (; i < n; ++i) out[i] *= inv;
    }
  }
}

// Columns [j0, j1) of an n x inner block, in strips of up to kStrip columns whose running maxima
// and sums stay in a local buffer while the rows stream past.
template <class V>
void SoftmaxCols(const typename V::T* x, typename V::T* out, int64_t n, int64_t inner, int64_t j0, int64_t j1,
                 bool log) {
  using T = typename V::T;
  constexpr int L = V::kLanes;
  constexpr int64_t kStrip = 256;
  T m[kStrip], s[kStrip];
  for (int64_t a = j0; a < j1; a += kStrip) {
    const int64_t w = j1 - a < kStrip ? j1 - a : kStrip;
    const int64_t wv = w - w % L;
    for (int64_t j = 0; j < w; ++j) {
      m[j] = x[a + j];
      s[j] = 0;
    }
    for (int64_t i = 1; i < n; ++i) {
      const T* r = x + i * inner + a;
      for (int64_t j = 0; j < wv; j += L) V::Store(m + j, V::Max(V::Load(m + j), V::Load(r + j)));
      for (int64_t j = wv; j < w; ++j) m[j] = r[j] > m[j] ? r[j] : m[j];
    }
    for (int64_t i = 0; i < n; ++i) {
      const T* r = x + i * inner + a;
      T* o = out + i * inner + a;
      for (int64_t j = 0; j < wv; j += L) {
        const typename V::R e = ExpV<V>(V::Sub(V::Load(r + j), V::Load(m + j)));
        if (!log) V::Store(o + j, e);
        V::Store(s + j, V::Add(V::Load(s + j), e));
      }
      for (int64_t j = wv; j < w; ++j) {
        const T e = ExpS<V>(r[j] - m[j]);
        if (!log) o[j] = e;
        s[j] += e;
      }
    }
    // s becomes log(sum) (log) or 1 / sum.
    for (int64_t j = 0; j < w; ++j) s[j] = log ? std::log(s[j]) : T(1) / s[j];
    for (int64_t i = 0; i < n; ++i) {
      const T* r = x + i * inner + a;
      T* o = out + i * inner + a;
      if (log) {
        for (int64_t j = 0; j < wv; j += L) {
          V::Store(o + j, V::Sub(V::Sub(V::Load(r + j), V::Load(m + j)), V::Load(s + j)));
        }
        for (int64_t j = wv; j < w; ++j) o[j] = (r[j] - m[j]) - s[j];
      } else {
        for (int64_t j = 0; j < wv; j += L) V::Store(o + j, V::Mul(V::Load(o + j), V::Load(s + j)));
        for (int64_t j = wv; j < w; ++j) o[j] *= s[j];
      }
    }
  }
}

template <class V>
void FillActivations(TypedKernels<typename V::T>& t) {
  t.activation[kActGelu] = &ActivationRun<V, GeluAct>;
  t.activation[kActGeluTanh] = &ActivationRun<V, GeluTanhAct>;
  t.activation[kActSilu] = &ActivationRun<V, SiluAct>;
  t.activation[kActMish] = &ActivationRun<V, MishAct>;
  t.activation[kActLogSigmoid] = &ActivationRun<V, LogSigmoidAct>;
  t.activation[kActSoftplus] = &ActivationRun<V, SoftplusAct>;
  t.activation[kActElu] = &ActivationRun<V, EluAct>;
  t.activation[kActLeakyRelu] = &ActivationRun<V, LeakyReluAct>;
  t.activation[kActGeluDeriv] = &ActivationRun<V, GeluDerivAct>;
  t.activation[kActGeluTanhDeriv] = &ActivationRun<V, GeluTanhDerivAct>;
  t.activation[kActVecExp] = &ActivationRun<V, VecExpAct>;
  t.softmax_rows = &SoftmaxRows<V>;
  t.softmax_cols = &SoftmaxCols<V>;
}

}  // namespace
}  // namespace body
}  // namespace tg
