#include "gemm/gemm.h"

#include <algorithm>
#include <string>
#include <type_traits>
#include <vector>

#include "cpu/dispatch.h"

namespace tg {
namespace {

constexpr int64_t kKc = 256;   // depth of a packed panel: A sliver + B sliver stay in L1
constexpr int64_t kMc = 96;    // rows of A per block (rounded to MR): the A block fits L2
constexpr int64_t kNc = 2048;  // columns of B per panel: the B panel fits L3

// Below this many multiply-adds packing costs more than it saves.
constexpr int64_t kSmallWork = 24 * 24 * 24;

template <class T>
void PackA(const MatRef<T>& a, int64_t i0, int64_t mc, int64_t p0, int64_t kc, int mr, T* dst) {
  for (int64_t ir = 0; ir < mc; ir += mr) {
    const int64_t rows = std::min<int64_t>(mr, mc - ir);
    for (int64_t p = 0; p < kc; ++p) {
      const T* src = a.data + (i0 + ir) * a.rs + (p0 + p) * a.cs;
      int64_t i = 0;
      for (; i < rows; ++i) dst[i] = src[i * a.rs];
      for (; i < mr; ++i) dst[i] = T(0);
      dst += mr;
    }
  }
}

template <class T>
void PackB(const MatRef<T>& b, int64_t p0, int64_t kc, int64_t j0, int64_t nc, int nr, T* dst) {
  for (int64_t jr = 0; jr < nc; jr += nr) {
    const int64_t cols = std::min<int64_t>(nr, nc - jr);
    for (int64_t p = 0; p < kc; ++p) {
      const T* src = b.data + (p0 + p) * b.rs + (j0 + jr) * b.cs;
      int64_t j = 0;
      if (b.cs == 1) {
        for (; j < cols; ++j) dst[j] = src[j];
      } else {
        for (; j < cols; ++j) dst[j] = src[j * b.cs];
      }
      for (; j < nr; ++j) dst[j] = T(0);
      dst += nr;
    }
  }
}

// Direct loops for small products and matrix-vector shapes, accumulating in the i-p-j order
// that streams rows of B.
template <class T>
void GemmSmall(int64_t m, int64_t n, int64_t k, MatRef<T> a, MatRef<T> b, T* c, int64_t ldc) {
  for (int64_t i = 0; i < m; ++i) {
    T* crow = c + i * ldc;
    if (n == 1) {
      T s = 0;
      for (int64_t p = 0; p < k; ++p) s += a.data[i * a.rs + p * a.cs] * b.data[p * b.rs];
      crow[0] = s;
      continue;
    }
    for (int64_t j = 0; j < n; ++j) crow[j] = T(0);
    for (int64_t p = 0; p < k; ++p) {
      const T av = a.data[i * a.rs + p * a.cs];
      const T* brow = b.data + p * b.rs;
      for (int64_t j = 0; j < n; ++j) crow[j] += av * brow[j * b.cs];
    }
  }
}

}  // namespace

template <class T>
void Gemm(int64_t m, int64_t n, int64_t k, MatRef<T> a, MatRef<T> b, T* c, int64_t ldc) {
  if (m == 0 || n == 0) return;
  if (k == 0) {
    for (int64_t i = 0; i < m; ++i)
      for (int64_t j = 0; j < n; ++j) c[i * ldc + j] = T(0);
    return;
  }
  if (n == 1 || m * n * k <= kSmallWork) return GemmSmall(m, n, k, a, b, c, ldc);
  const GemmMicroKernel<T> uk = Kernels().For<T>().gemm;
  const int mr = uk.mr, nr = uk.nr;
  const int64_t mc_max = std::max<int64_t>(mr, kMc / mr * mr);
  const int64_t nc_max = std::max<int64_t>(nr, kNc / nr * nr);
  std::vector<T> a_pack(static_cast<size_t>(mc_max * kKc));
  std::vector<T> b_pack(static_cast<size_t>(nc_max * kKc));
  std::vector<T> edge(static_cast<size_t>(mr * nr));
  for (int64_t jc = 0; jc < n; jc += nc_max) {
    const int64_t nc = std::min(nc_max, n - jc);
    for (int64_t pc = 0; pc < k; pc += kKc) {
      const int64_t kc = std::min(kKc, k - pc);
      const bool accumulate = pc > 0;
      PackB(b, pc, kc, jc, nc, nr, b_pack.data());
      for (int64_t ic = 0; ic < m; ic += mc_max) {
        const int64_t mc = std::min(mc_max, m - ic);
        PackA(a, ic, mc, pc, kc, mr, a_pack.data());
        for (int64_t jr = 0; jr < nc; jr += nr) {
          const int64_t cols = std::min<int64_t>(nr, nc - jr);
          const T* bp = b_pack.data() + jr * kc;
          for (int64_t ir = 0; ir < mc; ir += mr) {
            const int64_t rows = std::min<int64_t>(mr, mc - ir);
            const T* ap = a_pack.data() + ir * kc;
            T* ct = c + (ic + ir) * ldc + jc + jr;
            if (rows == mr && cols == nr) {
              uk.fn(kc, ap, bp, ct, ldc, accumulate);
              continue;
            }
            // Edge tile: compute the full tile into a scratch buffer, keep the valid part.
            uk.fn(kc, ap, bp, edge.data(), nr, false);
            for (int64_t i = 0; i < rows; ++i) {
              for (int64_t j = 0; j < cols; ++j) {
                ct[i * ldc + j] = accumulate ? ct[i * ldc + j] + edge[i * nr + j] : edge[i * nr + j];
              }
            }
          }
        }
      }
    }
  }
}

template void Gemm<float>(int64_t, int64_t, int64_t, MatRef<float>, MatRef<float>, float*, int64_t);
template void Gemm<double>(int64_t, int64_t, int64_t, MatRef<double>, MatRef<double>, double*, int64_t);
template void Gemm<int32_t>(int64_t, int64_t, int64_t, MatRef<int32_t>, MatRef<int32_t>, int32_t*, int64_t);

void Matmul(const Dims& a_shape, const View& a, const Dims& b_shape, const View& b, const View& out) {
  if (a_shape.size() != 3 || b_shape.size() != 3 || a.strides.size() != 3 || b.strides.size() != 3) {
    throw Error(Code::kArgument, "matmul: native operands must be 3-D");
  }
  const int64_t batch = a_shape[0], m = a_shape[1], k = a_shape[2], n = b_shape[2];
  if (b_shape[0] != batch || b_shape[1] != k) {
    throw Error(Code::kShape, "matmul: cannot multiply " + DimsToString(a_shape) + " by " + DimsToString(b_shape) +
                                  " (" + std::to_string(k) + " != " + std::to_string(b_shape[1]) + ")");
  }
  CheckSameDtype(out, a, "matmul");
  CheckSameDtype(out, b, "matmul");
  CheckView(a_shape, a, "matmul", "first operand");
  CheckView(b_shape, b, "matmul", "second operand");
  const Dims out_shape{batch, m, n};
  View o = out;
  o.strides = ContiguousStrides(out_shape);
  CheckView(out_shape, o, "matmul", "output");
  VisitDType(a.dtype, [&](auto tag) {
    using T = typename decltype(tag)::type;
    if constexpr (std::is_same_v<T, uint8_t>) {
      throw Error(Code::kDtype, "matmul: not supported for bool");
    } else {
      for (int64_t bi = 0; bi < batch; ++bi) {
        MatRef<T> ar{a.As<T>() + a.offset + bi * a.strides[0], a.strides[1], a.strides[2]};
        MatRef<T> br{b.As<T>() + b.offset + bi * b.strides[0], b.strides[1], b.strides[2]};
        Gemm<T>(m, n, k, ar, br, out.As<T>() + out.offset + bi * m * n, n);
      }
    }
  });
}

}  // namespace tg
