// The adaptive optimizers' export (native/optim/optim.cc's OptimStep; SGD and Adam are in exports.cc).
// Typed arrays are arguments; the rest is read from the metadata buffer in the order written by
// lib/backend/entries.ts.
#include "napi/args.h"
#include "napi/export_job.h"
#include "napi/exports.h"
#include "optim/optim.h"

namespace tg {
namespace {

// optimStep(param, grad, s0, s1, s2) meta: op, n, five offsets, three has-flags, maximize,
// rectify, kOptimScalars scalars
auto OptimStepJob(const Napi::CallbackInfo& info) {
  Args args(info, "optim_step", 5);
  OptimHyper h{};
  h.op = args.Int();
  const int64_t n = args.Int();
  View v[5] = {args.Buffer(0), args.Buffer(1), args.Buffer(2), args.Buffer(3), args.Buffer(4)};
  for (View& x : v) x.offset = args.Int();
  for (bool& has : h.has) has = args.Int() != 0;
  h.maximize = args.Int() != 0;
  h.rectify = args.Int() != 0;
  for (double& c : h.c) c = args.Number();
  return [=]() {
    const View state[3] = {v[2], v[3], v[4]};
    OptimStep(n, v[0], v[1], state, h);
  };
}

}  // namespace

void RegisterOptim(Napi::Env env, Napi::Object exports) { ExportJob<OptimStepJob>(env, exports, "optimStep"); }

}  // namespace tg
