#include "optim/optim.h"

#include <cmath>
#include <string>

#include "cpu/dispatch.h"

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
    SgdStepArgs<T> a{p,
                     g,
                     b,
                     static_cast<T>(h.lr),
                     static_cast<T>(h.momentum),
                     static_cast<T>(1 - h.dampening),
                     static_cast<T>(h.weight_decay),
                     h.nesterov,
                     h.first};
    Kernels().For<T>().sgd_step(n, a);
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
    AdamStepArgs<T> a{p,
                      g,
                      m,
                      v,
                      vmax,
                      static_cast<T>(h.beta1),
                      static_cast<T>(h.beta2),
                      static_cast<T>(1 - h.beta1),
                      static_cast<T>(1 - h.beta2),
                      static_cast<T>(h.weight_decay),
                      static_cast<T>(1 - h.lr * h.weight_decay),
                      static_cast<T>(h.eps),
                      static_cast<T>(bias2_sqrt),
                      static_cast<T>(-step_size),
                      h.decoupled};
    Kernels().For<T>().adam_step(n, a);
  });
}

namespace {

struct OptimOpInfo {
  const char* name;
  bool needs[3];  // state views the op always uses
  bool allows[3];
  const char* what[3];
};

constexpr OptimOpInfo kOptimOps[kNumOptimOps] = {
    {"rmsprop", {true, false, false}, {true, true, true}, {"square_avg", "grad_avg", "momentum_buffer"}},
    {"adagrad", {true, false, false}, {true, false, false}, {"sum", "", ""}},
    {"adamax", {true, true, false}, {true, true, false}, {"exp_avg", "exp_inf", ""}},
    {"nadam", {true, true, false}, {true, true, false}, {"exp_avg", "exp_avg_sq", ""}},
    {"radam", {true, true, false}, {true, true, false}, {"exp_avg", "exp_avg_sq", ""}},
};

}  // namespace

void OptimStep(int64_t n, const View& param, const View& grad, const View state[3], const OptimHyper& h) {
  if (h.op < 0 || h.op >= kNumOptimOps) {
    throw Error(Code::kArgument, "optim_step: unknown optimizer code " + std::to_string(h.op));
  }
  const OptimOpInfo& info = kOptimOps[h.op];
  const char* op = info.name;
  CheckRun(n, param, param, op, "parameter");
  CheckRun(n, grad, param, op, "gradient");
  for (int k = 0; k < 3; ++k) {
    if (h.has[k] && !info.allows[k])
      throw Error(Code::kArgument, std::string(op) + ": takes no state buffer " + std::to_string(k));
    if (!h.has[k] && info.needs[k]) throw Error(Code::kArgument, std::string(op) + ": missing " + info.what[k]);
    if (h.has[k]) CheckRun(n, state[k], param, op, info.what[k]);
  }
  VisitFloat(param.dtype, op, [&](auto tag) {
    using T = typename decltype(tag)::type;
    OptimStepArgs<T> a{};
    a.p = param.As<T>() + param.offset;
    a.g = grad.As<T>() + grad.offset;
    for (int k = 0; k < 3; ++k) a.s[k] = h.has[k] ? state[k].As<T>() + state[k].offset : nullptr;
    for (int k = 0; k < kOptimScalars; ++k) a.c[k] = static_cast<T>(h.c[k]);
    a.maximize = h.maximize;
    a.rectify = h.rectify;
    Kernels().For<T>().optim_step[h.op](n, a);
  });
}

}  // namespace tg
