// The activation exports: elementwise activations and softmax.
// Typed arrays are arguments; the rest is read from the metadata buffer in the order written by
// lib/backend/entries.ts (listed per export).
#include "activation/activation.h"
#include "cpu/dispatch.h"
#include "napi/args.h"
#include "napi/export_job.h"
#include "napi/exports.h"

namespace tg {
namespace {

// activation(x, out) meta: op, n, xOffset, outOffset, p0, p1
auto ActivationJob(const Napi::CallbackInfo& info) {
  Args args(info, "activation", 2);
  const int op = static_cast<int>(args.Int());
  const int64_t n = args.Int();
  View x = args.Buffer(0);
  x.offset = args.Int();
  View out = args.Buffer(1);
  out.offset = args.Int();
  const double p0 = args.Number();
  const double p1 = args.Number();
  return [=]() { Activation(Kernels(), op, n, x, out, p0, p1); };
}

// softmax(x, out) meta: log, shape, dim, xOffset, outOffset
auto SoftmaxJob(const Napi::CallbackInfo& info) {
  Args args(info, "softmax", 2);
  const bool log = args.Int() != 0;
  const Dims shape = args.DimList();
  const int64_t dim = args.Int();
  View x = args.Buffer(0);
  x.offset = args.Int();
  View out = args.Buffer(1);
  out.offset = args.Int();
  return [=]() { Softmax(Kernels(), log, shape, x, dim, out); };
}

}  // namespace

void RegisterActivations(Napi::Env env, Napi::Object exports) {
  ExportJob<ActivationJob>(env, exports, "activation");
  ExportJob<SoftmaxJob>(env, exports, "softmax");
}

}  // namespace tg
