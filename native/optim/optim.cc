#include "optim/optim.h"

#include <cmath>
#include <string>

namespace tg {
namespace {

void CheckRun(int64_t n, const View& v, const View& like, const char* op, const char* what) {
  CheckSameDtype(v, like, op);
  View c = v;
  c.strides = Dims{1};
  CheckView(Dims{n}, c, op, what);
}

}  // namespace

void SgdStep(int64_t n, const View& param, const View& grad, const View& buf, const SgdHyper& h) {
  CheckRun(n, param, param, "sgd", "parameter");
  CheckRun(n, grad, param, "sgd", "gradient");
  if (h.momentum != 0) CheckRun(n, buf, param, "sgd", "momentum buffer");
  VisitFloat(param.dtype, "sgd", [&](auto tag) {
    using T = typename decltype(tag)::type;
    T* p = param.As<T>() + param.offset;
    const T* g = grad.As<T>() + grad.offset;
    T* b = h.momentum != 0 ? buf.As<T>() + buf.offset : nullptr;
    const T lr = static_cast<T>(h.lr), mom = static_cast<T>(h.momentum);
    const T damp = static_cast<T>(1 - h.dampening), wd = static_cast<T>(h.weight_decay);
    // PyTorch's op order; its AVX2 kernels fuse add(alpha) into one FMA (-ffp-contract=off here).
    for (int64_t i = 0; i < n; ++i) {
      T d = g[i];
      if (wd != 0) d = std::fma(p[i], wd, d);
      if (b != nullptr) {
        b[i] = h.first ? d : std::fma(d, damp, b[i] * mom);
        d = h.nesterov ? std::fma(b[i], mom, d) : b[i];
      }
      p[i] = std::fma(d, -lr, p[i]);
    }
  });
}

void AdamStep(int64_t n, const View& param, const View& grad, const View& exp_avg, const View& exp_avg_sq,
              const View& max_sq, const AdamHyper& h) {
  const char* op = h.decoupled ? "adamw" : "adam";
  CheckRun(n, param, param, op, "parameter");
  CheckRun(n, grad, param, op, "gradient");
  CheckRun(n, exp_avg, param, op, "exp_avg");
  CheckRun(n, exp_avg_sq, param, op, "exp_avg_sq");
  if (h.amsgrad) CheckRun(n, max_sq, param, op, "max_exp_avg_sq");
  if (h.step < 1) throw Error(Code::kArgument, std::string(op) + ": step must be at least 1");
  const double bias1 = 1 - std::pow(h.beta1, static_cast<double>(h.step));
  const double bias2 = 1 - std::pow(h.beta2, static_cast<double>(h.step));
  const double step_size = h.lr / bias1;
  const double bias2_sqrt = std::sqrt(bias2);
  VisitFloat(param.dtype, op, [&](auto tag) {
    using T = typename decltype(tag)::type;
    T* p = param.As<T>() + param.offset;
    const T* g = grad.As<T>() + grad.offset;
    T* m = exp_avg.As<T>() + exp_avg.offset;
    T* v = exp_avg_sq.As<T>() + exp_avg_sq.offset;
    T* vmax = h.amsgrad ? max_sq.As<T>() + max_sq.offset : nullptr;
    const T b1 = static_cast<T>(h.beta1), b2 = static_cast<T>(h.beta2);
    const T one_b1 = static_cast<T>(1 - h.beta1), one_b2 = static_cast<T>(1 - h.beta2);
    const T wd = static_cast<T>(h.weight_decay), decay = static_cast<T>(1 - h.lr * h.weight_decay);
    const T eps = static_cast<T>(h.eps), bc2s = static_cast<T>(bias2_sqrt), neg_step = static_cast<T>(-step_size);
    // PyTorch's op order: add(alpha) and addcmul are one FMA in its AVX2 kernels, addcdiv is
    // p + (value * m) / denom.
    for (int64_t i = 0; i < n; ++i) {
      T gi = g[i];
      if (h.decoupled)
        p[i] = p[i] * decay;
      else if (wd != 0)
        gi = std::fma(p[i], wd, gi);
      m[i] = std::fma(gi, one_b1, m[i] * b1);
      v[i] = std::fma(one_b2 * gi, gi, v[i] * b2);
      T second = v[i];
      if (vmax != nullptr) second = vmax[i] = vmax[i] > v[i] ? vmax[i] : v[i];
      const T denom = std::sqrt(second) / bc2s + eps;
      p[i] = p[i] + (neg_step * m[i]) / denom;
    }
  });
}

}  // namespace tg
