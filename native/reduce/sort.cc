#include "reduce/sort.h"

#include <algorithm>
#include <cstdint>
#include <type_traits>
#include <utility>
#include <vector>

#include "core/parallel.h"
#include "reduce/along_dim.h"

namespace tg {
namespace {

constexpr int64_t kGrain = 1 << 14;  // elements per task

template <class T>
bool IsNan(T v) {
  if constexpr (std::is_floating_point_v<T>) {
    return v != v;
  } else {
    return false;
  }
}

// PyTorch's comparators on (value, index) pairs: NaN counts as the largest value.
struct Less {
  template <class P>
  bool operator()(const P& a, const P& b) const {
    return (!IsNan(a.first) && IsNan(b.first)) || a.first < b.first;
  }
};
struct Greater {
  template <class P>
  bool operator()(const P& a, const P& b) const {
    return (IsNan(a.first) && !IsNan(b.first)) || a.first > b.first;
  }
};

// Runs f(line, pairs) for every line of [outer, n, inner] with the line's (value, index) pairs
// loaded; lines spread over the pool, each task with its own buffer. The index type J does not
// change the algorithms' steps (they compare values only), so a 32-bit J gives the same order
// with half the memory traffic.
template <class T, class J, class F>
void ForEachLine(const T* x, int64_t outer, int64_t n, int64_t inner, F&& f) {
  const int64_t lines = outer * inner;
  ParallelFor(lines, std::max<int64_t>(1, kGrain / std::max<int64_t>(n, 1)), [&](int64_t l0, int64_t l1) {
    std::vector<std::pair<T, J>> q(n);
    for (int64_t l = l0; l < l1; ++l) {
      const T* p = x + (l / inner) * n * inner + l % inner;
      for (int64_t j = 0; j < n; ++j) q[j] = {p[j * inner], static_cast<J>(j)};
      f(l, q);
    }
  });
}

template <class T, class J, class I>
void Store(const std::vector<std::pair<T, J>>& q, int64_t count, int64_t line, int64_t inner, T* values, I* indices) {
  const int64_t base = (line / inner) * count * inner + line % inner;
  for (int64_t j = 0; j < count; ++j) {
    values[base + j * inner] = q[j].first;
    indices[base + j * inner] = static_cast<I>(q[j].second);
  }
}

template <class T, class J, class I>
void SortLines(const T* x, int64_t outer, int64_t n, int64_t inner, bool descending, bool stable, T* values,
               I* indices) {
  ForEachLine<T, J>(x, outer, n, inner, [&](int64_t line, std::vector<std::pair<T, J>>& q) {
    if (descending) {
      stable ? std::stable_sort(q.begin(), q.end(), Greater()) : std::sort(q.begin(), q.end(), Greater());
    } else {
      stable ? std::stable_sort(q.begin(), q.end(), Less()) : std::sort(q.begin(), q.end(), Less());
    }
    Store(q, n, line, inner, values, indices);
  });
}

template <class T, class I>
void SortTyped(const T* x, int64_t outer, int64_t n, int64_t inner, bool descending, bool stable, T* values,
               I* indices) {
  if (n <= INT32_MAX) return SortLines<T, int32_t>(x, outer, n, inner, descending, stable, values, indices);
  SortLines<T, int64_t>(x, outer, n, inner, descending, stable, values, indices);
}

// std::partial_sort(first, first + k, last) as libstdc++ runs it (make_heap of the first k, then
// for each later element that beats the top, __pop_heap(first, middle, it), then sort_heap),
// with the candidate in slot k so that std::pop_heap over k + 1 slots does that same step: the
// same comparisons and moves, so ties come out as PyTorch's, without loading the whole line.
template <class T, class Cmp>
void PartialSortLine(const T* p, int64_t n, int64_t inner, int64_t k, Cmp cmp,
                     std::vector<std::pair<T, int64_t>>& heap) {
  for (int64_t j = 0; j < k; ++j) heap[j] = {p[j * inner], j};
  std::make_heap(heap.begin(), heap.begin() + k, cmp);
  for (int64_t j = k; j < n; ++j) {
    const std::pair<T, int64_t> candidate{p[j * inner], j};
    if (cmp(candidate, heap[0])) {
      heap[k] = candidate;
      std::pop_heap(heap.begin(), heap.begin() + k + 1, cmp);
    }
  }
  std::sort_heap(heap.begin(), heap.begin() + k, cmp);
}

template <class T, class I, class Cmp>
void TopKLines(const T* x, int64_t outer, int64_t n, int64_t inner, int64_t k, bool sorted, Cmp cmp, T* values,
               I* indices) {
  if (k * 64 <= n) {
    const int64_t lines = outer * inner;
    ParallelFor(lines, std::max<int64_t>(1, kGrain / n), [&](int64_t l0, int64_t l1) {
      std::vector<std::pair<T, int64_t>> heap(k + 1);
      for (int64_t l = l0; l < l1; ++l) {
        PartialSortLine(x + (l / inner) * n * inner + l % inner, n, inner, k, cmp, heap);
        Store(heap, k, l, inner, values, indices);
      }
    });
    return;
  }
  ForEachLine<T, int64_t>(x, outer, n, inner, [&](int64_t line, std::vector<std::pair<T, int64_t>>& q) {
    std::nth_element(q.begin(), q.begin() + k - 1, q.end(), cmp);
    if (sorted) std::sort(q.begin(), q.begin() + k - 1, cmp);
    Store(q, k, line, inner, values, indices);
  });
}

void CheckIndices(const View& values, const View& indices, const View& x, const char* op) {
  CheckSameDtype(values, x, op);
  if (indices.dtype == DType::kF32 || indices.dtype == DType::kF64 || indices.dtype == DType::kBool) {
    throw Error(Code::kDtype, std::string(op) + ": indices must be an integer tensor");
  }
}

}  // namespace

void Sort(const View& x, int64_t outer, int64_t n, int64_t inner, bool descending, bool stable, const View& values,
          const View& indices) {
  const char* op = "sort";
  CheckAlongDim(x, outer, n, inner, op, "input");
  CheckAlongDim(values, outer, n, inner, op, "values");
  CheckAlongDim(indices, outer, n, inner, op, "indices");
  CheckIndices(values, indices, x, op);
  VisitDType(x.dtype, [&](auto tag) {
    using T = typename decltype(tag)::type;
    VisitIndex(indices.dtype, op, [&](auto itag) {
      using I = typename decltype(itag)::type;
      SortTyped<T, I>(x.As<T>() + x.offset, outer, n, inner, descending, stable, values.As<T>() + values.offset,
                      indices.As<I>() + indices.offset);
    });
  });
}

void TopK(const View& x, int64_t outer, int64_t n, int64_t inner, int64_t k, bool largest, bool sorted,
          const View& values, const View& indices) {
  const char* op = "topk";
  CheckAlongDim(x, outer, n, inner, op, "input");
  if (k < 0 || k > n) throw Error(Code::kIndex, "topk: selected index k out of range");
  CheckAlongDim(values, outer, k, inner, op, "values");
  CheckAlongDim(indices, outer, k, inner, op, "indices");
  CheckIndices(values, indices, x, op);
  if (k == 0) return;
  VisitDType(x.dtype, [&](auto tag) {
    using T = typename decltype(tag)::type;
    VisitIndex(indices.dtype, op, [&](auto itag) {
      using I = typename decltype(itag)::type;
      const T* px = x.As<T>() + x.offset;
      T* pv = values.As<T>() + values.offset;
      I* pi = indices.As<I>() + indices.offset;
      if (largest) {
        TopKLines<T, I>(px, outer, n, inner, k, sorted, Greater(), pv, pi);
      } else {
        TopKLines<T, I>(px, outer, n, inner, k, sorted, Less(), pv, pi);
      }
    });
  });
}

}  // namespace tg
