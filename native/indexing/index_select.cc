#include "indexing/index_select.h"

#include <algorithm>
#include <cstring>
#include <string>

#include "core/parallel.h"
#include "elementwise/elementwise.h"

namespace tg {
namespace {

// Checks an index op and calls f(slice_shape, indexed_slice, compact_slice) for each i:
// slice index[i] along `dim` of `indexed` (of `shape`) paired with slice i of `compact` (of
// `shape` with n_index at `dim`). Sequential in i, so repeated indices accumulate in order.
void CheckIndexOp(const char* op, const Dims& shape, const View& indexed, const View& compact, int64_t dim,
                  const int32_t* index, int64_t n_index) {
  const int64_t nd = static_cast<int64_t>(shape.size());
  if (nd == 0 ? dim != 0 : (dim < 0 || dim >= nd)) {
    throw Error(Code::kIndex,
                std::string(op) + ": dim " + std::to_string(dim) + " out of range for shape " + DimsToString(shape));
  }
  CheckSameDtype(indexed, compact, op);
  Dims compact_shape = shape;
  if (nd > 0) compact_shape[dim] = n_index;
  CheckView(shape, indexed, op, "indexed tensor");
  CheckView(compact_shape, compact, op, "compact tensor");
  const int64_t size = nd > 0 ? shape[dim] : 1;
  for (int64_t i = 0; i < n_index; ++i) {
    if (index[i] < 0 || index[i] >= size) {
      throw Error(Code::kIndex, std::string(op) + ": index " + std::to_string(index[i]) +
                                    " is out of bounds for dimension " + std::to_string(dim) + " with size " +
                                    std::to_string(size));
    }
  }
}

template <class F>
void ForEachIndexedSlice(const char* op, const Dims& shape, const View& indexed, const View& compact, int64_t dim,
                         const int32_t* index, int64_t n_index, F&& f) {
  CheckIndexOp(op, shape, indexed, compact, dim, index, n_index);
  const int64_t nd = static_cast<int64_t>(shape.size());
  Dims slice_shape = shape;
  View a = indexed, b = compact;
  if (nd > 0) {
    slice_shape.erase(slice_shape.begin() + dim);
    a.strides.erase(a.strides.begin() + dim);
    b.strides.erase(b.strides.begin() + dim);
  }
  for (int64_t i = 0; i < n_index; ++i) {
    a.offset = indexed.offset + (nd > 0 ? index[i] * indexed.strides[dim] : 0);
    b.offset = compact.offset + (nd > 0 ? i * compact.strides[dim] : 0);
    f(slice_shape, a, b);
  }
}

// One element per index (a label column): typed loads instead of a memcpy call each, the
// element kAhead indices on prefetched.
template <class U>
void GatherElements(const char* src, int64_t stride, const int32_t* index, char* dst, int64_t i0, int64_t i1) {
  constexpr int64_t kAhead = 16;
  U* out = reinterpret_cast<U*>(dst);
  for (int64_t i = i0; i < i1; ++i) {
    if (i + kAhead < i1) __builtin_prefetch(src + index[i + kAhead] * stride);
    std::memcpy(out + i, src + index[i] * stride, sizeof(U));
  }
}

View WithContiguousStrides(const View& v, const Dims& shape, int64_t dim, int64_t n_index) {
  Dims s = shape;
  if (!s.empty()) s[dim] = n_index;
  View out = v;
  out.strides = ContiguousStrides(s);
  return out;
}

}  // namespace

void IndexSelect(const Dims& x_shape, const View& x, int64_t dim, const int32_t* index, int64_t n_index,
                 const View& out) {
  const int64_t d = dim >= 0 && dim < static_cast<int64_t>(x_shape.size()) ? dim : 0;
  const View o = WithContiguousStrides(out, x_shape, d, n_index);
  CheckIndexOp("index_select", x_shape, x, o, dim, index, n_index);
  // Rows of a contiguous block (the minibatch gather of a data set): one memcpy per index, the
  // rows a few indices ahead prefetched, since random rows of a large tensor miss every cache.
  bool rows = x_shape.size() > 0;
  int64_t row = 1;
  for (int64_t k = static_cast<int64_t>(x_shape.size()) - 1; rows && k >= 0; --k) {
    if (k < d)
      rows = x_shape[k] == 1;
    else if (k > d)
      rows = x_shape[k] == 1 || x.strides[k] == row;
    if (k > d) row *= x_shape[k];
  }
  if (rows) {
    // Nothing to copy: an empty view's offset is unchecked, so form no pointer from it.
    if (n_index == 0 || row == 0) return;
    const size_t bytes = DTypeSize(x.dtype) * static_cast<size_t>(row);
    const char* src = static_cast<const char*>(x.data) + DTypeSize(x.dtype) * x.offset;
    char* dst = static_cast<char*>(out.data) + DTypeSize(x.dtype) * out.offset;
    const int64_t stride = DTypeSize(x.dtype) * x.strides[d];
    constexpr int64_t kAhead = 8;
    // Threads each take a range of indices once there are kGatherGrain bytes per thread: the
    // rows are cache misses, and a second thread doubles the misses in flight.
    constexpr int64_t kGatherGrain = 64 * 1024;
    ParallelFor(n_index, std::max<int64_t>(1, kGatherGrain / static_cast<int64_t>(bytes)), [&](int64_t i0, int64_t i1) {
      if (bytes == 4) return GatherElements<uint32_t>(src, stride, index, dst, i0, i1);
      if (bytes == 8) return GatherElements<uint64_t>(src, stride, index, dst, i0, i1);
      for (int64_t i = i0; i < i1; ++i) {
        if (i + kAhead < i1) {
          const char* next = src + index[i + kAhead] * stride;
          for (size_t b = 0; b < bytes && b < 1024; b += 64) __builtin_prefetch(next + b);
        }
        std::memcpy(dst + i * bytes, src + index[i] * stride, bytes);
      }
    });
    return;
  }
  ForEachIndexedSlice("index_select", x_shape, x, o, dim, index, n_index,
                      [](const Dims& s, const View& src, const View& dst) { Copy(s, dst, src); });
}

void IndexAdd(const KernelTable& kernels, const Dims& out_shape, const View& out, int64_t dim, const int32_t* index,
              int64_t n_index, const View& src) {
  View o = out;
  o.strides = ContiguousStrides(out_shape);
  ForEachIndexedSlice(
      "index_add", out_shape, o, src, dim, index, n_index,
      [&](const Dims& s, const View& dst, const View& add) { Binary(kernels, kAdd, s, dst, dst, add); });
}

}  // namespace tg
