#include "reduce/reduce.h"

#include <algorithm>
#include <vector>

#include "core/parallel.h"
#include "core/wrap.h"
#include "elementwise/elementwise.h"

namespace tg {
namespace {

// out[0, n) /= divisor: mean divides the sum by the count, as PyTorch does (multiplying by
// 1/count differs in the last bit for about a third of float32 means of 3 elements).
template <class T>
void Divide(const TypedKernels<T>& k, T* out, int64_t n, double divisor) {
  if (divisor == 1.0) return;
  const T d = static_cast<T>(divisor);
  k.binary[kDiv][kVecScalar](out, &d, out, n);
}

// Walks x in its own order with the output's strides set to 0 on reduced dims, so a reduced
// inner run collapses to SIMD sums and a kept inner run is a vector add into the output.
// Strided runs go through a stack buffer kChunk elements at a time; unit-stride runs in one go.
template <class T>
void SumTyped(const TypedKernels<T>& k, const Dims& shape, const View& x, const Dims& out_strides, T* out,
              int64_t out_n, double divisor) {
  for (int64_t i = 0; i < out_n; ++i) out[i] = T(0);
  const T* px = x.As<T>();
  if (shape.size() == 2 && out_strides[0] == 0 && out_strides[1] == 1 && x.strides[1] == 1) {
    // sum(0) of a matrix with unit-stride rows: kRowsPerPass rows per pass over the output (which
    // stays in L1), in row order, so the bits are those of adding one row at a time.
    constexpr int64_t kRowsPerPass = 8;
    for (int64_t r = 0; r < shape[0]; r += kRowsPerPass) {
      k.add_rows(out, px + x.offset + r * x.strides[0], x.strides[0], std::min(kRowsPerPass, shape[0] - r), shape[1]);
    }
    Divide(k, out, out_n, divisor);
    return;
  }
  NdLoop<2> loop(shape, {&out_strides, &x.strides}, {0, x.offset});
  loop.ForEachRun([&](const int64_t* off, int64_t n, const int64_t* st) {
    T* ro = out + off[0];
    const T* rx = px + off[1];
    T buf[kChunk];
    const int64_t step = st[1] == 1 ? n : kChunk;
    for (int64_t i = 0; i < n; i += step) {
      const int64_t c = n - i < step ? n - i : step;
      const T* cx = GatherChunk(rx + i * st[1], st[1], c, buf);
      if (st[0] == 0) {
        *ro = WrapAdd(*ro, k.sum(cx, c));
      } else if (st[0] == 1) {
        k.binary[kAdd][kVecVec](ro + i, cx, ro + i, c);
      } else {
        for (int64_t j = 0; j < c; ++j) ro[(i + j) * st[0]] = WrapAdd(ro[(i + j) * st[0]], cx[j]);
      }
    }
  });
  Divide(k, out, out_n, divisor);
}

// Inputs below this many elements are summed on the calling thread.
constexpr int64_t kParallelSum = 1 << 16;
// Partial sums kept at most (elements) when the outermost dim is reduced in blocks.
constexpr int64_t kMaxPartials = 1 << 22;
constexpr int64_t kSumBlocks = 32;

// Splits the sum into parts for the pool. The parts depend on the shape only, never on the
// thread count, so every thread count gives the same bits.
// - Outermost dim reduced (whole-tensor sums, sum(0)): blocks of its rows, each summed into its
//   own partial output, the partials then added in block order (also the pairwise step that
//   keeps float32 sums accurate).
// - Otherwise: ranges of the outermost kept dim, each owning a contiguous block of the output.
template <class T>
void SumParallel(const TypedKernels<T>& k, const Dims& shape, const View& x, const Dims& out_strides, T* out,
                 int64_t out_n, double divisor) {
  const int64_t numel = Numel(shape, "sum");
  if (numel < kParallelSum) return SumTyped(k, shape, x, out_strides, out, out_n, divisor);
  // Up to kSumBlocks blocks of at least kParallelSum elements each.
  const int64_t rows = shape[0];
  const int64_t rows_per_block =
      std::max({int64_t{1}, kParallelSum / (numel / rows), (rows + kSumBlocks - 1) / kSumBlocks});
  const int64_t blocks = (rows + rows_per_block - 1) / rows_per_block;
  if (out_strides[0] == 0 && blocks >= 2 && blocks * out_n <= kMaxPartials) {
    std::vector<T> partial(blocks * out_n);
    ParallelFor(blocks, 1, [&](int64_t b0, int64_t b1) {
      for (int64_t b = b0; b < b1; ++b) {
        Dims sub = shape;
        View xs = x;
        xs.offset += b * rows_per_block * x.strides[0];
        sub[0] = std::min(rows_per_block, rows - b * rows_per_block);
        SumTyped(k, sub, xs, out_strides, partial.data() + b * out_n, out_n, 1.0);
      }
    });
    if (out_n == 1) {
      out[0] = k.sum(partial.data(), blocks);
    } else {
      std::copy(partial.begin(), partial.begin() + out_n, out);
      k.add_rows(out, partial.data() + out_n, out_n, blocks - 1, out_n);  // in block order
    }
    Divide(k, out, out_n, divisor);
    return;
  }
  for (size_t d = 0; d < shape.size(); ++d) {
    if (out_strides[d] == 0 || shape[d] < 2) continue;
    const int64_t n = shape[d];
    ParallelFor(n, std::max<int64_t>(1, kParallelSum * n / numel), [&](int64_t r0, int64_t r1) {
      Dims sub = shape;
      sub[d] = r1 - r0;
      View xs = x;
      xs.offset += r0 * x.strides[d];
      SumTyped(k, sub, xs, out_strides, out + r0 * out_strides[d], (r1 - r0) * out_strides[d], divisor);
    });
    return;
  }
  SumTyped(k, shape, x, out_strides, out, out_n, divisor);
}

}  // namespace

void ReduceSum(const KernelTable& kernels, const Dims& x_shape, const View& x, const Dims& reduce, const View& out,
               double divisor) {
  CheckView(x_shape, x, "sum", "input");
  CheckSameDtype(out, x, "sum");
  if (reduce.size() != x_shape.size()) {
    throw Error(Code::kArgument,
                "sum: " + std::to_string(reduce.size()) + " reduce flags for shape " + DimsToString(x_shape));
  }
  Dims out_shape;
  for (size_t d = 0; d < x_shape.size(); ++d) {
    if (!reduce[d]) out_shape.push_back(x_shape[d]);
  }
  const Dims out_contig = ContiguousStrides(out_shape);
  Dims out_strides(x_shape.size(), 0);
  for (size_t d = 0, j = 0; d < x_shape.size(); ++d) {
    if (!reduce[d]) out_strides[d] = out_contig[j++];
  }
  const int64_t out_n = Numel(out_shape, "sum");
  View o = out;
  o.strides = out_contig;
  CheckView(out_shape, o, "sum", "output");
  const int64_t base = out.offset;
  switch (x.dtype) {
    case DType::kF32: return SumParallel(kernels.f32, x_shape, x, out_strides, out.As<float>() + base, out_n, divisor);
    case DType::kF64: return SumParallel(kernels.f64, x_shape, x, out_strides, out.As<double>() + base, out_n, divisor);
    case DType::kI32:
      return SumParallel(kernels.i32, x_shape, x, out_strides, out.As<int32_t>() + base, out_n, divisor);
    case DType::kI64:
      return SumParallel(kernels.i64, x_shape, x, out_strides, out.As<int64_t>() + base, out_n, divisor);
    default: throw Error(Code::kDtype, std::string("sum: not supported for ") + DTypeName(x.dtype));
  }
}

}  // namespace tg
