#include "reduce/statistics.h"

#include <algorithm>
#include <cmath>
#include <vector>

#include "core/parallel.h"
#include "reduce/along_dim.h"

namespace tg {
namespace {

// Elements per part of a whole-tensor reduction: fixed, so every thread count gives the same bits.
constexpr int64_t kChunk = 1 << 16;

// Sum of p[0..n) in double, four accumulators (the dependency chain, not the loads, limits one).
template <class T>
double SumRun(const T* p, int64_t n) {
  double a0 = 0, a1 = 0, a2 = 0, a3 = 0;
  int64_t i = 0;
  for (; i + 4 <= n; i += 4) {
    a0 += static_cast<double>(p[i]);
    a1 += static_cast<double>(p[i + 1]);
    a2 += static_cast<double>(p[i + 2]);
    a3 += static_cast<double>(p[i + 3]);
  }
  for (; i < n; ++i) a0 += static_cast<double>(p[i]);
  return (a0 + a1) + (a2 + a3);
}

template <class T>
double SquaredDeviations(const T* p, int64_t n, double mean) {
  double a0 = 0, a1 = 0, a2 = 0, a3 = 0;
  int64_t i = 0;
  for (; i + 4 <= n; i += 4) {
    const double d0 = static_cast<double>(p[i]) - mean, d1 = static_cast<double>(p[i + 1]) - mean;
    const double d2 = static_cast<double>(p[i + 2]) - mean, d3 = static_cast<double>(p[i + 3]) - mean;
    a0 += d0 * d0;
    a1 += d1 * d1;
    a2 += d2 * d2;
    a3 += d3 * d3;
  }
  for (; i < n; ++i) {
    const double d = static_cast<double>(p[i]) - mean;
    a0 += d * d;
  }
  return (a0 + a1) + (a2 + a3);
}

// PyTorch's divisor: n - correction, never below zero (0/0 gives NaN, x/0 infinity).
double Divisor(int64_t n, double correction) { return std::max(0.0, static_cast<double>(n) - correction); }

// A whole run of n elements: chunked over the pool, partials added in chunk order.
template <class T>
void VarAll(const T* p, int64_t n, double correction, T* var, T* mean) {
  const int64_t chunks = std::max<int64_t>(1, (n + kChunk - 1) / kChunk);
  std::vector<double> part(chunks);
  auto sum_parts = [&](auto&& fn) {
    ParallelFor(chunks, 1, [&](int64_t c0, int64_t c1) {
      for (int64_t c = c0; c < c1; ++c) {
        const int64_t b = c * kChunk;
        part[c] = fn(p + b, std::min(kChunk, n - b));
      }
    });
    double s = 0;
    for (double v : part) s += v;
    return s;
  };
  // The mean rounded to T first, as PyTorch's whole-tensor var takes self.mean().
  const double m = static_cast<double>(
      static_cast<T>(sum_parts([](const T* q, int64_t k) { return SumRun(q, k); }) / static_cast<double>(n)));
  const double m2 = sum_parts([m](const T* q, int64_t k) { return SquaredDeviations(q, k, m); });
  *mean = static_cast<T>(m);
  *var = static_cast<T>(m2 / Divisor(n, correction));
}

// Columns [i0, i1) of one outer slice with inner > 1: per-column double accumulators.
template <class T>
void VarColumns(const T* p, int64_t n, int64_t inner, int64_t i0, int64_t i1, double correction, T* var, T* mean) {
  const int64_t w = i1 - i0;
  std::vector<double> acc(w, 0.0), dev(w, 0.0);
  for (int64_t j = 0; j < n; ++j) {
    const T* row = p + j * inner + i0;
    for (int64_t i = 0; i < w; ++i) acc[i] += static_cast<double>(row[i]);
  }
  for (int64_t i = 0; i < w; ++i) acc[i] /= static_cast<double>(n);
  for (int64_t j = 0; j < n; ++j) {
    const T* row = p + j * inner + i0;
    for (int64_t i = 0; i < w; ++i) {
      const double d = static_cast<double>(row[i]) - acc[i];
      dev[i] += d * d;
    }
  }
  const double div = Divisor(n, correction);
  for (int64_t i = 0; i < w; ++i) {
    mean[i0 + i] = static_cast<T>(acc[i]);
    var[i0 + i] = static_cast<T>(dev[i] / div);
  }
}

template <class T>
void VarMeanTyped(const T* p, int64_t outer, int64_t n, int64_t inner, double correction, T* var, T* mean) {
  const int64_t outputs = outer * inner;
  if (outputs == 0) return;
  if (n == 0) {  // PyTorch fills an empty reduction with NaN
    std::fill(var, var + outputs, static_cast<T>(NAN));
    std::fill(mean, mean + outputs, static_cast<T>(NAN));
    return;
  }
  if (outputs == 1) return VarAll(p, n, correction, var, mean);
  if (inner == 1) {
    ParallelFor(outer, std::max<int64_t>(1, kChunk / n), [&](int64_t o0, int64_t o1) {
      for (int64_t o = o0; o < o1; ++o) {
        const T* q = p + o * n;
        const double m = SumRun(q, n) / static_cast<double>(n);
        mean[o] = static_cast<T>(m);
        var[o] = static_cast<T>(SquaredDeviations(q, n, m) / Divisor(n, correction));
      }
    });
    return;
  }
  constexpr int64_t kBlock = 256;  // columns per task: accumulators stay in L1
  const int64_t blocks = (inner + kBlock - 1) / kBlock;
  ParallelFor(outer * blocks, std::max<int64_t>(1, kChunk / (n * kBlock)), [&](int64_t t0, int64_t t1) {
    for (int64_t t = t0; t < t1; ++t) {
      const int64_t o = t / blocks, i0 = (t % blocks) * kBlock;
      VarColumns(p + o * n * inner, n, inner, i0, std::min(inner, i0 + kBlock), correction, var + o * inner,
                 mean + o * inner);
    }
  });
}

}  // namespace

void VarMean(const View& x, int64_t outer, int64_t n, int64_t inner, double correction, const View& var,
             const View& mean) {
  const char* op = "var";
  CheckAlongDim(x, outer, n, inner, op, "input");
  CheckAlongDim(var, outer, 1, inner, op, "var");
  CheckAlongDim(mean, outer, 1, inner, op, "mean");
  CheckSameDtype(var, x, op);
  CheckSameDtype(mean, x, op);
  if (!std::isfinite(correction)) throw Error(Code::kArgument, "var: correction must be finite");
  VisitFloat(x.dtype, op, [&](auto tag) {
    using T = typename decltype(tag)::type;
    VarMeanTyped<T>(x.As<T>() + x.offset, outer, n, inner, correction, var.As<T>() + var.offset,
                    mean.As<T>() + mean.offset);
  });
}

}  // namespace tg
