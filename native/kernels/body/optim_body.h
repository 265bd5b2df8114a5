// The fused optimizer steps (table.h's SgdStepFn, AdamStepFn), compiled once per kernel set so
// that each gets its ISA's FMA instructions. Templated on the set's vector type V only to keep
// the instantiations of different sets apart; the loops are scalar (the compiler vectorises
// them: elementwise, so no result changes; a gradient that shares the parameter's memory reads
// each element before it is written, so no restrict).
#pragma once
#include <cmath>

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

template <class V>
void FillOptim(TypedKernels<typename V::T>& t) {
  t.sgd_step = &SgdStepRun<V>;
  t.adam_step = &AdamStepRun<V>;
}

}  // namespace body
}  // namespace tg
