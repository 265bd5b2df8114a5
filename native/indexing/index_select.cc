#include "indexing/index_select.h"

#include <string>

#include "elementwise/elementwise.h"

namespace tg {
namespace {

void CheckDim(const char* op, int64_t dim, const Dims& shape) {
  const int64_t nd = static_cast<int64_t>(shape.size());
  if (nd == 0 ? dim != 0 : (dim < 0 || dim >= nd)) {
    throw Error(Code::kIndex, std::string(op) + ": dim " + std::to_string(dim) + " out of range for shape " +
                                  DimsToString(shape));
  }
}

void CheckIndices(const char* op, int64_t dim, const int32_t* index, int64_t n_index, int64_t size) {
  for (int64_t i = 0; i < n_index; ++i) {
    if (index[i] < 0 || index[i] >= size) {
      throw Error(Code::kIndex, std::string(op) + ": index " + std::to_string(index[i]) +
                                    " is out of bounds for dimension " + std::to_string(dim) + " with size " +
                                    std::to_string(size));
    }
  }
}

}  // namespace

void IndexSelect(const Dims& x_shape, const View& x, int64_t dim, const int32_t* index, int64_t n_index,
                 const View& out) {
  const int64_t nd = static_cast<int64_t>(x_shape.size());
  CheckDim("index_select", dim, x_shape);
  CheckSameDtype(out, x, "index_select");
  CheckView(x_shape, x, "index_select", "input");
  Dims out_shape = x_shape;
  if (nd > 0) out_shape[dim] = n_index;
  const Dims out_strides = ContiguousStrides(out_shape);
  View o = out;
  o.strides = out_strides;
  CheckView(out_shape, o, "index_select", "output");
  const int64_t size = nd > 0 ? x_shape[dim] : 1;
  CheckIndices("index_select", dim, index, n_index, size);
  // Copy one slice per index: the slices are strided sub-views of both tensors.
  Dims slice_shape = x_shape;
  View src = x, dst = o;
  if (nd > 0) {
    slice_shape.erase(slice_shape.begin() + dim);
    src.strides.erase(src.strides.begin() + dim);
    dst.strides.erase(dst.strides.begin() + dim);
  }
  for (int64_t i = 0; i < n_index; ++i) {
    src.offset = x.offset + (nd > 0 ? index[i] * x.strides[dim] : 0);
    dst.offset = out.offset + (nd > 0 ? i * out_strides[dim] : 0);
    Copy(slice_shape, dst, src);
  }
}

void IndexAdd(const Dims& out_shape, const View& out, int64_t dim, const int32_t* index, int64_t n_index,
              const View& src) {
  const int64_t nd = static_cast<int64_t>(out_shape.size());
  CheckDim("index_add", dim, out_shape);
  CheckSameDtype(out, src, "index_add");
  View o = out;
  o.strides = ContiguousStrides(out_shape);
  CheckView(out_shape, o, "index_add", "output");
  Dims src_shape = out_shape;
  if (nd > 0) src_shape[dim] = n_index;
  CheckView(src_shape, src, "index_add", "source");
  const int64_t size = nd > 0 ? out_shape[dim] : 1;
  CheckIndices("index_add", dim, index, n_index, size);
  Dims slice_shape = out_shape;
  View dst = o, s = src;
  if (nd > 0) {
    slice_shape.erase(slice_shape.begin() + dim);
    dst.strides.erase(dst.strides.begin() + dim);
    s.strides.erase(s.strides.begin() + dim);
  }
  // Sequential over i, so repeated indices accumulate exactly as PyTorch's CPU kernel does.
  for (int64_t i = 0; i < n_index; ++i) {
    dst.offset = o.offset + (nd > 0 ? index[i] * o.strides[dim] : 0);
    s.offset = src.offset + (nd > 0 ? i * src.strides[dim] : 0);
    Binary(kAdd, slice_shape, dst, dst, s);
  }
}

}  // namespace tg
