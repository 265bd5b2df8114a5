// Fused optimizer updates: one pass over a parameter per step, in the operation order of
// PyTorch's single-tensor implementations (torch/optim/sgd.py, adam.py, adamw.py, rmsprop.py,
// adagrad.py, adamax.py, nadam.py, radam.py).
#pragma once
#include "core/view.h"
#include "kernels/table.h"

namespace tg {

struct SgdHyper {
  double lr, momentum, dampening, weight_decay;
  bool nesterov;
  bool first;  // the momentum buffer starts as a copy of the first gradient
};

struct AdamHyper {
  double lr, beta1, beta2, eps, weight_decay;
  bool amsgrad;
  bool decoupled;  // AdamW: weight decay applied to the parameter, not added to the gradient
  int64_t step;    // this step's number, from 1
};

// RMSprop, Adagrad, Adamax, NAdam and RAdam (table.h's OptimOp): the scalars in c[] as laid
// out in kernels/body/optim_body.h, computed in JS (lib/optim/*.ts) with the step counts' pow.
struct OptimHyper {
  int64_t op;   // an OptimOp
  bool has[3];  // which of the state views the step uses
  bool maximize, rectify;
  double c[kOptimScalars];
};

// All views are contiguous runs of n elements of one float dtype; `buf` may be empty when
// momentum is 0, `max_sq` when amsgrad is off.
void SgdStep(int64_t n, const View& param, const View& grad, const View& buf, const SgdHyper& h);
void AdamStep(int64_t n, const View& param, const View& grad, const View& exp_avg, const View& exp_avg_sq,
              const View& max_sq, const AdamHyper& h);
// state[k] may be empty where h.has[k] is false; which ones an op needs is checked.
void OptimStep(int64_t n, const View& param, const View& grad, const View state[3], const OptimHyper& h);

}  // namespace tg
