// The linear-algebra exports: LU, solves, Cholesky, QR.
// Typed arrays are arguments; the rest is read from the metadata buffer in the order written by
// lib/backend/entries.ts (listed per export).
#include "cpu/dispatch.h"
#include "linalg/factor.h"
#include "napi/args.h"
#include "napi/export_job.h"
#include "napi/exports.h"

namespace tg {
namespace {

// luFactor(a, piv, info) meta: batch, n
auto LuFactorJob(const Napi::CallbackInfo& info) {
  Args args(info, "lu_factor", 3);
  const int64_t batch = args.Int();
  const int64_t n = args.Int();
  const View a = args.Buffer(0), piv = args.Buffer(1), inf = args.Buffer(2);
  return [=]() { LuFactor(Kernels(), batch, n, a, piv, inf); };
}

// luSolve(lu, piv, b) meta: batch, n, k, trans
auto LuSolveJob(const Napi::CallbackInfo& info) {
  Args args(info, "lu_solve", 3);
  const int64_t batch = args.Int();
  const int64_t n = args.Int();
  const int64_t k = args.Int();
  const bool trans = args.Int() != 0;
  const View lu = args.Buffer(0), piv = args.Buffer(1), b = args.Buffer(2);
  return [=]() { LuSolve(Kernels(), batch, n, k, trans, lu, piv, b); };
}

// solve(a, b, info) meta: batch, n, k, trans, aStrides (3), aOffset
auto SolveJob(const Napi::CallbackInfo& info) {
  Args args(info, "solve", 3);
  const int64_t batch = args.Int();
  const int64_t n = args.Int();
  const int64_t k = args.Int();
  const bool trans = args.Int() != 0;
  const View a = args.Tensor(0);
  const View b = args.Buffer(1), inf = args.Buffer(2);
  if (a.strides.size() != 3) throw Error(Code::kArgument, "solve: A needs 3 strides");
  return [=]() { FactorSolve(Kernels(), batch, n, k, trans, a, b, inf); };
}

// cholesky(a, info) meta: batch, n
auto CholeskyJob(const Napi::CallbackInfo& info) {
  Args args(info, "cholesky", 2);
  const int64_t batch = args.Int();
  const int64_t n = args.Int();
  const View a = args.Buffer(0), inf = args.Buffer(1);
  return [=]() { Cholesky(Kernels(), batch, n, a, inf); };
}

// qr(a, q) meta: batch, m, n, kq
auto QrJob(const Napi::CallbackInfo& info) {
  Args args(info, "qr", 2);
  const int64_t batch = args.Int();
  const int64_t m = args.Int();
  const int64_t n = args.Int();
  const int64_t kq = args.Int();
  const View a = args.Buffer(0), q = args.Buffer(1);
  return [=]() { Qr(Kernels(), batch, m, n, kq, a, q); };
}

}  // namespace

void RegisterLinalg(Napi::Env env, Napi::Object exports) {
  ExportJob<LuFactorJob>(env, exports, "luFactor");
  ExportJob<LuSolveJob>(env, exports, "luSolve");
  ExportJob<SolveJob>(env, exports, "solve");
  ExportJob<CholeskyJob>(env, exports, "cholesky");
  ExportJob<QrJob>(env, exports, "qr");
}

}  // namespace tg
