#include "reduce/cumulative.h"

#include <algorithm>
#include <type_traits>
#include <vector>

#include "core/parallel.h"
#include "reduce/along_dim.h"

namespace tg {
namespace {

// Elements per task: lines are independent, so any split gives the same bits.
constexpr int64_t kGrain = 1 << 15;

template <class T>
using Acc = std::conditional_t<std::is_floating_point_v<T>, double, uint64_t>;  // integers wrap as PyTorch's int64

template <class T, bool kProd>
void Line(const T* x, T* out, int64_t n) {
  Acc<T> acc = kProd ? 1 : 0;
  for (int64_t j = 0; j < n; ++j) {
    if constexpr (kProd) {
      acc *= static_cast<Acc<T>>(x[j]);
    } else {
      acc += static_cast<Acc<T>>(x[j]);
    }
    out[j] = static_cast<T>(acc);
  }
}

// Columns [i0, i1) of one outer slice: the running values side by side, one step per row.
template <class T, bool kProd>
void Columns(const T* x, T* out, int64_t n, int64_t inner, int64_t i0, int64_t i1) {
  std::vector<Acc<T>> acc(i1 - i0, kProd ? 1 : 0);
  Acc<T>* a = acc.data();
  const int64_t w = i1 - i0;
  for (int64_t j = 0; j < n; ++j) {
    const T* row = x + j * inner + i0;
    T* o = out + j * inner + i0;
    for (int64_t i = 0; i < w; ++i) {
      if constexpr (kProd) {
        a[i] *= static_cast<Acc<T>>(row[i]);
      } else {
        a[i] += static_cast<Acc<T>>(row[i]);
      }
      o[i] = static_cast<T>(a[i]);
    }
  }
}

template <class T, bool kProd>
void CumulativeTyped(const T* x, T* out, int64_t outer, int64_t n, int64_t inner) {
  if (outer * n * inner == 0) return;
  if (inner == 1) {
    ParallelFor(outer, std::max<int64_t>(1, kGrain / n), [&](int64_t o0, int64_t o1) {
      for (int64_t o = o0; o < o1; ++o) Line<T, kProd>(x + o * n, out + o * n, n);
    });
    return;
  }
  constexpr int64_t kBlock = 512;
  const int64_t blocks = (inner + kBlock - 1) / kBlock;
  ParallelFor(outer * blocks, std::max<int64_t>(1, kGrain / (n * kBlock)), [&](int64_t t0, int64_t t1) {
    for (int64_t t = t0; t < t1; ++t) {
      const int64_t o = t / blocks, i0 = (t % blocks) * kBlock;
      Columns<T, kProd>(x + o * n * inner, out + o * n * inner, n, inner, i0, std::min(inner, i0 + kBlock));
    }
  });
}

}  // namespace

void Cumulative(int kind, const View& x, int64_t outer, int64_t n, int64_t inner, const View& out) {
  const char* op = kind == 0 ? "cumsum" : "cumprod";
  if (kind != 0 && kind != 1) throw Error(Code::kArgument, "cumulative: unknown kind");
  CheckAlongDim(x, outer, n, inner, op, "input");
  CheckAlongDim(out, outer, n, inner, op, "output");
  CheckSameDtype(out, x, op);
  VisitDType(x.dtype, [&](auto tag) {
    using T = typename decltype(tag)::type;
    if constexpr (std::is_same_v<T, uint8_t>) {
      throw Error(Code::kDtype, std::string(op) + ": bool input must be cast to an integer type first");
    } else {
      const T* px = x.As<T>() + x.offset;
      T* po = out.As<T>() + out.offset;
      if (kind == 0) {
        CumulativeTyped<T, false>(px, po, outer, n, inner);
      } else {
        CumulativeTyped<T, true>(px, po, outer, n, inner);
      }
    }
  });
}

}  // namespace tg
