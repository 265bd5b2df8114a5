// The fused optimizer steps (table.h's SgdStepFn, AdamStepFn, OptimStepFn), compiled once per kernel set so
// that each gets its ISA's FMA instructions. Templated on the set's vector type V only to keep
// the instantiations of different sets apart; the loops are scalar (the compiler vectorises
// them: elementwise, so no result changes; a gradient that shares the parameter's memory reads
// each element before it is written, so no restrict).
#pragma once
#include <cmath>
#include <limits>

#include "kernels/table.h"

namespace tg {
namespace body {

template <class V>
void SgdStepRun(int64_t n, const SgdStepArgs<typename V::T>& a) {
  using T = typename V::T;
  T* p = a.p;
  const T* g = a.g;
  T* b = a.buf;
  // Locals, so that the compiler hoists the option tests out of the loop (unswitching).
  const T wd = a.weight_decay, damp = a.damp, mom = a.momentum, neg_lr = -a.lr;
  const bool decay = wd != 0, first = a.first, nesterov = a.nesterov;
  for (int64_t i = 0; i < n; ++i) {
    T d = g[i];
    if (decay) d = std::fma(p[i], wd, d);
    if (b != nullptr) {
      b[i] = first ? d : std::fma(d, damp, b[i] * mom);
      d = nesterov ? std::fma(b[i], mom, d) : b[i];
    }
    p[i] = std::fma(d, neg_lr, p[i]);
  }
}

// addcdiv is p + (value * m) / denom, as PyTorch's.
template <class V>
void AdamStepRun(int64_t n, const AdamStepArgs<typename V::T>& a) {
  using T = typename V::T;
  T* p = a.p;
  const T* g = a.g;
  T* m = a.m;
  T* v = a.v;
  T* vmax = a.vmax;
  for (int64_t i = 0; i < n; ++i) {
    T gi = g[i];
    if (a.decoupled)
      p[i] = p[i] * a.decay;
    else if (a.weight_decay != 0)
      gi = std::fma(p[i], a.weight_decay, gi);
    m[i] = std::fma(gi, a.one_b1, m[i] * a.b1);
    v[i] = std::fma(a.one_b2 * gi, gi, v[i] * a.b2);
    T second = v[i];
    if (vmax != nullptr) second = vmax[i] = vmax[i] > v[i] ? vmax[i] : v[i];
    const T denom = std::sqrt(second) / a.bias2_sqrt + a.eps;
    p[i] = p[i] + (a.neg_step * m[i]) / denom;
  }
}

// The adaptive steps below replay lib/backend/js_optim.ts operation for operation (the build's
// -ffp-contract=off keeps every a * b + c that is not a std::fma two roundings, as in JS).
// gi is the gradient, negated under maximize, plus weight_decay * p where that is not 0.
// Templated on V, as the steps: each kernel set inlines its own copy (with its FMA).
template <class V, class T = typename V::T>
inline T Grad(const OptimStepArgs<T>& a, int64_t i, T wd) {
  T gi = a.maximize ? -a.g[i] : a.g[i];
  return wd != 0 ? std::fma(a.p[i], wd, gi) : gi;
}

// c: weight_decay, alpha, 1 - alpha, eps, momentum, -lr. s: square_avg, grad_avg (centered),
// momentum_buffer (momentum > 0).
template <class V>
void RmspropStepRun(int64_t n, const OptimStepArgs<typename V::T>& a) {
  using T = typename V::T;
  T *p = a.p, *sq = a.s[0], *ga = a.s[1], *b = a.s[2];
  const T wd = a.c[0], alpha = a.c[1], one_alpha = a.c[2], eps = a.c[3], mom = a.c[4], neg_lr = a.c[5];
  for (int64_t i = 0; i < n; ++i) {
    const T gi = Grad<V>(a, i, wd);
    const T s = sq[i] = std::fma(one_alpha * gi, gi, sq[i] * alpha);
    T avg;
    if (ga != nullptr) {
      const T m = ga[i] = std::fma(gi, one_alpha, ga[i] * alpha);
      avg = std::sqrt(std::fma(-m, m, s));
    } else {
      avg = std::sqrt(s);
    }
    avg = avg + eps;
    if (b != nullptr) {
      const T bi = b[i] = b[i] * mom + gi / avg;
      p[i] = std::fma(bi, neg_lr, p[i]);
    } else {
      p[i] = p[i] + (neg_lr * gi) / avg;
    }
  }
}

// c: weight_decay, -clr, eps. s: sum.
template <class V>
void AdagradStepRun(int64_t n, const OptimStepArgs<typename V::T>& a) {
  using T = typename V::T;
  T *p = a.p, *sum = a.s[0];
  const T wd = a.c[0], neg_clr = a.c[1], eps = a.c[2];
  for (int64_t i = 0; i < n; ++i) {
    const T gi = Grad<V>(a, i, wd);
    const T s = sum[i] = std::fma(gi, gi, sum[i]);
    const T std = std::sqrt(s) + eps;
    p[i] = p[i] + (neg_clr * gi) / std;
  }
}

// c: weight_decay, beta1, 1 - beta1, beta2, eps, -lr / (1 - beta1^step). s: exp_avg, exp_inf.
template <class V>
void AdamaxStepRun(int64_t n, const OptimStepArgs<typename V::T>& a) {
  using T = typename V::T;
  T *p = a.p, *m = a.s[0], *u = a.s[1];
  const T wd = a.c[0], b1 = a.c[1], one_b1 = a.c[2], b2 = a.c[3], eps = a.c[4], neg_clr = a.c[5];
  for (int64_t i = 0; i < n; ++i) {
    const T gi = Grad<V>(a, i, wd);
    const T mi = m[i] = std::fma(gi, one_b1, m[i] * b1);
    const T x = u[i] * b2;
    const T y = std::fabs(gi) + eps;
    // amax propagates NaN (the default quiet NaN, as JS stores its NaN)
    const T ui = u[i] = std::isnan(x) || std::isnan(y) ? std::numeric_limits<T>::quiet_NaN() : x > y ? x : y;
    p[i] = p[i] + (neg_clr * mi) / ui;
  }
}

// c: weight_decay, beta1, 1 - beta1, beta2, 1 - beta2, 1 - beta2^step, eps, the gradient's and
// the momentum's coefficients c1 and c2. s: exp_avg, exp_avg_sq.
template <class V>
void NadamStepRun(int64_t n, const OptimStepArgs<typename V::T>& a) {
  using T = typename V::T;
  T *p = a.p, *m = a.s[0], *v = a.s[1];
  const T wd = a.c[0], b1 = a.c[1], one_b1 = a.c[2], b2 = a.c[3], one_b2 = a.c[4], bc2 = a.c[5], eps = a.c[6];
  const T c1 = a.c[7], c2 = a.c[8];
  for (int64_t i = 0; i < n; ++i) {
    const T gi = Grad<V>(a, i, wd);
    const T mi = m[i] = std::fma(gi, one_b1, m[i] * b1);
    const T vi = v[i] = std::fma(one_b2 * gi, gi, v[i] * b2);
    const T denom = std::sqrt(vi / bc2) + eps;
    const T q = p[i] + (c1 * gi) / denom;
    p[i] = q + (c2 * mi) / denom;
  }
}

// c: weight_decay, beta1, 1 - beta1, beta2, 1 - beta2, 1 - beta1^step, lr, eps,
// sqrt(1 - beta2^step), the rectification term. s: exp_avg, exp_avg_sq.
template <class V>
void RadamStepRun(int64_t n, const OptimStepArgs<typename V::T>& a) {
  using T = typename V::T;
  T *p = a.p, *m = a.s[0], *v = a.s[1];
  const T wd = a.c[0], b1 = a.c[1], one_b1 = a.c[2], b2 = a.c[3], one_b2 = a.c[4], bc1 = a.c[5], lr = a.c[6];
  const T eps = a.c[7], sqrt_bc2 = a.c[8], rect = a.c[9];
  const bool rectify = a.rectify;
  for (int64_t i = 0; i < n; ++i) {
    const T gi = Grad<V>(a, i, wd);
    const T mi = m[i] = std::fma(gi, one_b1, m[i] * b1);
    const T vi = v[i] = std::fma(one_b2 * gi, gi, v[i] * b2);
    T t = (mi / bc1) * lr;
    if (rectify) {
      const T adaptive = (T(1) / (std::sqrt(vi) + eps)) * sqrt_bc2;
      t = (t * adaptive) * rect;
    }
    p[i] = p[i] - t;
  }
}

template <class V>
void FillOptim(TypedKernels<typename V::T>& t) {
  t.sgd_step = &SgdStepRun<V>;
  t.adam_step = &AdamStepRun<V>;
  t.optim_step[kRmsprop] = &RmspropStepRun<V>;
  t.optim_step[kAdagrad] = &AdagradStepRun<V>;
  t.optim_step[kAdamax] = &AdamaxStepRun<V>;
  t.optim_step[kNadam] = &NadamStepRun<V>;
  t.optim_step[kRadam] = &RadamStepRun<V>;
}

}  // namespace body
}  // namespace tg
