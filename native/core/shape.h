// Shapes, strides and the N-d loop shared by every strided driver.
#pragma once
#include <array>
#include <cstdint>
#include <string>
#include <vector>

#include "core/error.h"
#include "core/small_dims.h"

namespace tg {

// Dims (core/small_dims.h): shapes and strides without heap allocation.

std::string DimsToString(const Dims& d);

// Element count, throwing ARGUMENT on a negative size or on overflow.
int64_t Numel(const Dims& shape, const char* op);

// Row-major strides of a contiguous tensor.
Dims ContiguousStrides(const Dims& shape);

// Throws unless every element addressed by (shape, strides, offset) lies in [0, length).
void CheckInBounds(const Dims& shape, const Dims& strides, int64_t offset, int64_t length, const char* op,
                   const char* what);

// Iterates an N-d index space over K operands. Dims of size 1 are dropped and neighbours that
// are contiguous in every operand are merged, so most loops reduce to a few long runs.
template <int K>
class NdLoop {
 public:
  NdLoop(const Dims& shape, const std::array<const Dims*, K>& strides, const std::array<int64_t, K>& offsets);

  // f(const int64_t* offs, int64_t n, const int64_t* inner_strides): offs[k] is operand k's
  // element offset of the run's first element; the run has n elements.
  template <class F>
  void ForEachRun(F&& f) const;

  int64_t inner_size() const { return shape_.empty() ? 1 : shape_.back(); }

 private:
  Dims shape_;
  std::array<Dims, K> strides_;
  std::array<int64_t, K> base_;
};

template <int K>
NdLoop<K>::NdLoop(const Dims& shape, const std::array<const Dims*, K>& strides, const std::array<int64_t, K>& offsets)
    : base_(offsets) {
  for (int64_t s : shape) {
    if (s == 0) {  // nothing to visit; keep a zero-size dim so ForEachRun returns at once
      shape_.push_back(0);
      for (int k = 0; k < K; ++k) strides_[k].push_back(0);
      return;
    }
  }
  for (size_t d = 0; d < shape.size(); ++d) {
    if (shape[d] == 1) continue;
    bool merge = !shape_.empty();
    for (int k = 0; k < K && merge; ++k) {
      int64_t span;  // overflow means the dims cannot be merged (the view is checked elsewhere)
      merge = !__builtin_mul_overflow((*strides[k])[d], shape[d], &span) && strides_[k].back() == span;
    }
    if (merge) {
      shape_.back() *= shape[d];
      for (int k = 0; k < K; ++k) strides_[k].back() = (*strides[k])[d];
    } else {
      shape_.push_back(shape[d]);
      for (int k = 0; k < K; ++k) strides_[k].push_back((*strides[k])[d]);
    }
  }
}

template <int K>
template <class F>
void NdLoop<K>::ForEachRun(F&& f) const {
  for (int64_t s : shape_) {
    if (s == 0) return;
  }
  const size_t nd = shape_.size();
  std::array<int64_t, K> inner{};
  for (int k = 0; k < K; ++k) inner[k] = nd ? strides_[k][nd - 1] : 0;
  const int64_t n = nd ? shape_[nd - 1] : 1;
  if (nd <= 1) {
    f(base_.data(), n, inner.data());
    return;
  }
  Dims idx(nd - 1, 0);
  std::array<int64_t, K> offs = base_;
  while (true) {
    f(offs.data(), n, inner.data());
    size_t d = nd - 1;
    while (d > 0) {
      --d;
      ++idx[d];
      for (int k = 0; k < K; ++k) offs[k] += strides_[k][d];
      if (idx[d] < shape_[d]) break;
      for (int k = 0; k < K; ++k) offs[k] -= strides_[k][d] * shape_[d];
      idx[d] = 0;
      if (d == 0) return;
    }
  }
}

}  // namespace tg
