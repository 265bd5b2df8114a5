// The exports of the 0.2 reductions: var/mean, cumulative sums and products, sort, topk.
// Typed arrays are arguments; the rest is read from the metadata buffer in the order written by
// lib/backend/entries.ts (listed per export).
#include "napi/args.h"
#include "napi/export_job.h"
#include "napi/exports.h"
#include "reduce/cumulative.h"
#include "reduce/sort.h"
#include "reduce/statistics.h"

namespace tg {
namespace {

// varMean(x, var, mean) meta: outer, n, inner, xOffset, correction
auto VarMeanJob(const Napi::CallbackInfo& info) {
  Args args(info, "var", 3);
  const int64_t outer = args.Int();
  const int64_t n = args.Int();
  const int64_t inner = args.Int();
  View x = args.Buffer(0);
  x.offset = args.Int();
  const double correction = args.Number();
  const View var = args.Buffer(1);
  const View mean = args.Buffer(2);
  return [=]() { VarMean(x, outer, n, inner, correction, var, mean); };
}

// cumulative(x, out) meta: kind, outer, n, inner, xOffset
auto CumulativeJob(const Napi::CallbackInfo& info) {
  Args args(info, "cumulative", 2);
  const int kind = static_cast<int>(args.Int());
  const int64_t outer = args.Int();
  const int64_t n = args.Int();
  const int64_t inner = args.Int();
  View x = args.Buffer(0);
  x.offset = args.Int();
  const View out = args.Buffer(1);
  return [=]() { Cumulative(kind, x, outer, n, inner, out); };
}

// sort(x, values, indices) meta: outer, n, inner, xOffset, descending, stable
auto SortJob(const Napi::CallbackInfo& info) {
  Args args(info, "sort", 3);
  const int64_t outer = args.Int();
  const int64_t n = args.Int();
  const int64_t inner = args.Int();
  View x = args.Buffer(0);
  x.offset = args.Int();
  const bool descending = args.Int() != 0;
  const bool stable = args.Int() != 0;
  const View values = args.Buffer(1);
  const View indices = args.Buffer(2);
  return [=]() { Sort(x, outer, n, inner, descending, stable, values, indices); };
}

// topk(x, values, indices) meta: outer, n, inner, xOffset, k, largest, sorted
auto TopKJob(const Napi::CallbackInfo& info) {
  Args args(info, "topk", 3);
  const int64_t outer = args.Int();
  const int64_t n = args.Int();
  const int64_t inner = args.Int();
  View x = args.Buffer(0);
  x.offset = args.Int();
  const int64_t k = args.Int();
  const bool largest = args.Int() != 0;
  const bool sorted = args.Int() != 0;
  const View values = args.Buffer(1);
  const View indices = args.Buffer(2);
  return [=]() { TopK(x, outer, n, inner, k, largest, sorted, values, indices); };
}

}  // namespace

void RegisterReductions(Napi::Env env, Napi::Object exports) {
  ExportJob<VarMeanJob>(env, exports, "varMean");
  ExportJob<CumulativeJob>(env, exports, "cumulative");
  ExportJob<SortJob>(env, exports, "sort");
  ExportJob<TopKJob>(env, exports, "topk");
}

}  // namespace tg
