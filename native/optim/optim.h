// Fused optimizer updates: one pass over a parameter per step, in the operation order of
// PyTorch's single-tensor implementations (torch/optim/sgd.py, adam.py, adamw.py).
#pragma once
#include "core/view.h"

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

// All views are contiguous runs of n elements of one float dtype; `buf` may be empty when
// momentum is 0, `max_sq` when amsgrad is off.
void SgdStep(int64_t n, const View& param, const View& grad, const View& buf, const SgdHyper& h);
void AdamStep(int64_t n, const View& param, const View& grad, const View& exp_avg, const View& exp_avg_sq,
              const View& max_sq, const AdamHyper& h);

}  // namespace tg
