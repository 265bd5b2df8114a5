#include "gemm/gemm.h"

#include <algorithm>
#include <cstdlib>
#include <memory>
#include <new>
#include <string>
#include <type_traits>

#include "core/parallel.h"
#include "core/wrap.h"

#ifdef _WIN32
#include <malloc.h>  // Windows' C runtime has no aligned_alloc: _aligned_malloc/_aligned_free
#endif

namespace tg {
namespace {

// Below this many multiply-adds packing costs more than it saves (measured with npm run bench).
constexpr int64_t kSmallWork = 8 * 8 * 8;
// Below this many multiply-adds a second thread costs more than it saves.
constexpr int64_t kParallelWork = 128 * 128 * 64;
// Matrix-vector products split their rows into blocks of at least this many elements of A (1 MiB
// of float32).
constexpr int64_t kGemvGrain = 1 << 18;

struct FreeDeleter {
#ifdef _WIN32
  void operator()(void* p) const { _aligned_free(p); }
#else
  void operator()(void* p) const { std::free(p); }
#endif
};

// A per-thread scratch buffer that grows and is never zeroed (packing overwrites it); 64-byte
// aligned so packed vectors never straddle cache lines.
template <class T>
T* Scratch(int slot, int64_t n) {
  thread_local std::unique_ptr<void, FreeDeleter> bufs[3];
  thread_local int64_t sizes[3] = {0, 0, 0};
  if (sizes[slot] < n) {
    const size_t bytes = (static_cast<size_t>(n) * sizeof(T) + 63) / 64 * 64;
#ifdef _WIN32
    void* p = _aligned_malloc(bytes, 64);
#else
    void* p = std::aligned_alloc(64, bytes);
#endif
    if (p == nullptr) throw std::bad_alloc();
    bufs[slot].reset(p);
    sizes[slot] = n;
  }
  return static_cast<T*>(bufs[slot].get());
}

// Full panels with unit column or unit row stride go to the kernel table's packing (pack_a,
// pack_at; pack_b, pack_bt); the rest is done here.
template <class T>
void PackA(const GemmConfig<T>& cfg, const MatRef<T>& a, int64_t i0, int64_t mc, int64_t p0, int64_t kc, T* dst) {
  const int mr = cfg.mr;
  for (int64_t ir = 0; ir < mc; ir += mr) {
    const int64_t rows = std::min<int64_t>(mr, mc - ir);
    const T* base = a.data + (i0 + ir) * a.rs + p0 * a.cs;
    if (rows == mr && a.cs == 1) {
      cfg.pack_a(base, a.rs, kc, dst);
      dst += mr * kc;
      continue;
    }
    if (rows == mr && a.rs == 1) {
      cfg.pack_at(base, a.cs, kc, dst);
      dst += mr * kc;
      continue;
    }
    for (int64_t p = 0; p < kc; ++p) {
      const T* src = base + p * a.cs;
      int64_t i = 0;
      for (; i < rows; ++i) dst[i] = src[i * a.rs];
      for (; i < mr; ++i) dst[i] = T(0);
      dst += mr;
    }
  }
}

template <class T>
void PackB(const GemmConfig<T>& cfg, const MatRef<T>& b, int64_t p0, int64_t kc, int64_t j0, int64_t nc, T* dst) {
  const int nr = cfg.nr;
  for (int64_t jr = 0; jr < nc; jr += nr) {
    const int64_t cols = std::min<int64_t>(nr, nc - jr);
    if (cols == nr && b.cs == 1) {
      cfg.pack_b(b.data + p0 * b.rs + j0 + jr, b.rs, kc, dst);
      dst += nr * kc;
      continue;
    }
    if (cols == nr && b.rs == 1) {  // B^T's rows, each read as one contiguous run
      cfg.pack_bt(b.data + p0 + (j0 + jr) * b.cs, b.cs, kc, dst);
      dst += nr * kc;
      continue;
    }
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

// Direct loops for products too small to pack, accumulating in the i-p-j order that streams
// rows of B.
template <class T>
void GemmSmall(int64_t m, int64_t n, int64_t k, MatRef<T> a, MatRef<T> b, T* c, int64_t ldc) {
  for (int64_t i = 0; i < m; ++i) {
    T* crow = c + i * ldc;
    for (int64_t j = 0; j < n; ++j) crow[j] = T(0);
    for (int64_t p = 0; p < k; ++p) {
      const T av = a.data[i * a.rs + p * a.cs];
      const T* brow = b.data + p * b.rs;
      for (int64_t j = 0; j < n; ++j) crow[j] = WrapAdd(crow[j], WrapMul(av, brow[j * b.cs]));
    }
  }
}

// Vectors shorter than this (a row of A, or the outputs of A^T x) are handled by plain loops:
// the SIMD kernel's call and setup cost more than such a vector's work.
constexpr int64_t kShortVector = 16;

// sum_p x[p * xs] * y[p * ys], from 0 in order.
template <class T>
T ShortDot(const T* x, int64_t xs, const T* y, int64_t ys, int64_t n) {
  T s = T(0);
  for (int64_t p = 0; p < n; ++p) s = WrapAdd(s, WrapMul(x[p * xs], y[p * ys]));
  return s;
}

// c[i] = ShortDot of row i of a packed A ([rows, K], row stride K) with x, for a length K known
// at compile time: the dot unrolls and the compiler vectorises across rows (the loop over rows
// with a run-time length cost ~2 ns a row for K = 2). ShortDot's order, written out: calling
// ShortDot here with K ran at half this speed (0.43 against 0.21 us for 1000 rows of 2).
template <class T, int K>
void PackedShortRows(const T* a, const T* x, T* c, int64_t i0, int64_t i1) {
  T xv[K];
  for (int p = 0; p < K; ++p) xv[p] = x[p];
  for (int64_t i = i0; i < i1; ++i) {
    T s = T(0);
    for (int p = 0; p < K; ++p) s = WrapAdd(s, WrapMul(a[i * K + p], xv[p]));
    c[i] = s;
  }
}

// Matrix-vector shapes are bandwidth-bound: one SIMD dot per row (n == 1, rows of A
// contiguous; rows in parallel), one SIMD axpy per column of A (n == 1, A transposed, as in the
// weight gradient X^T g) or one SIMD axpy per row of B (m == 1, rows of B contiguous).
template <class T>
bool GemvPath(const TypedKernels<T>& kern, int64_t m, int64_t n, int64_t k, MatRef<T> a, MatRef<T> b, T* c,
              int64_t ldc) {
  if (n == 1 && a.cs == 1) {
    const bool contiguous_x = b.rs == 1;
    // Rows in parallel only in blocks of >= kGemvGrain elements of A: below that, waking a worker
    // costs more than its share (a [1024, 64] x [64, 1] product ran 2x slower on 2 threads).
    ParallelFor(m, std::max<int64_t>(1, kGemvGrain / std::max<int64_t>(k, 1)), [&](int64_t i0, int64_t i1) {
      T* x = nullptr;
      if (!contiguous_x) {
        x = Scratch<T>(2, k);
        for (int64_t p = 0; p < k; ++p) x[p] = b.data[p * b.rs];
      }
      const T* xv = contiguous_x ? b.data : x;
      if (k < kShortVector) {  // the tutorial's [n, 2] x [2, 1]: a call per row cost more than the row
        if (a.rs == k && ldc == 1 && k <= 4) {
          switch (k) {
            case 1: return PackedShortRows<T, 1>(a.data, xv, c, i0, i1);
            case 2: return PackedShortRows<T, 2>(a.data, xv, c, i0, i1);
            case 3: return PackedShortRows<T, 3>(a.data, xv, c, i0, i1);
            default: return PackedShortRows<T, 4>(a.data, xv, c, i0, i1);
          }
        }
        for (int64_t i = i0; i < i1; ++i) c[i * ldc] = ShortDot(a.data + i * a.rs, 1, xv, 1, k);
        return;
      }
      kern.dot_rows(a.data + i0 * a.rs, a.rs, xv, k, c + i0 * ldc, ldc, i1 - i0);
    });
    return true;
  }
  // A transposed (columns contiguous): one axpy per column.
  if (n == 1 && a.rs == 1 && ldc == 1) {
    if (m < kShortVector) {  // a few outputs ([n, 2]^T g): each a strided dot, in the same order
      for (int64_t i = 0; i < m; ++i) c[i] = ShortDot(a.data + i, a.cs, b.data, b.rs, k);
      return true;
    }
    kern.axpy_cols(m, k, b.data, b.rs, a.data, a.cs, c);
    return true;
  }
  if (m == 1 && b.cs == 1) {
    for (int64_t j = 0; j < n; ++j) c[j] = T(0);
    for (int64_t p = 0; p < k; ++p) kern.axpy(n, a.data[p * a.cs], b.data + p * b.rs, c);
    return true;
  }
  return false;
}

// Splits [0, count) units of `align` into `parts` nearly equal aligned ranges.
inline void Partition(int64_t count, int64_t align, int part, int parts, int64_t* begin, int64_t* end) {
  const int64_t units = (count + align - 1) / align;
  *begin = std::min(count, units * part / parts * align);
  *end = std::min(count, units * (part + 1) / parts * align);
}

}  // namespace

template <class T>
void Gemm(const KernelTable& kernels, int64_t m, int64_t n, int64_t k, MatRef<T> a, MatRef<T> b, T* c, int64_t ldc) {
  if (m == 0 || n == 0) return;
  if (k == 0) {
    for (int64_t i = 0; i < m; ++i)
      for (int64_t j = 0; j < n; ++j) c[i * ldc + j] = T(0);
    return;
  }
  if constexpr (std::is_floating_point_v<T>) {
    if ((n == 1 || m == 1) && GemvPath(kernels.For<T>(), m, n, k, a, b, c, ldc)) return;
  }
  if (m * n * k <= kSmallWork) return GemmSmall(m, n, k, a, b, c, ldc);
  const GemmConfig<T> cfg = kernels.For<T>().gemm;
  const int mr = cfg.mr, nr = cfg.nr;
  // A with contiguous rows is read in place where the table says so, in products narrower than
  // in_place_below_n: no packing of A, and panels kc_in_place deep (deeper than kc on some tables,
  // so C is read and written fewer times). A^T is always packed: in place, its columns'
  // power-of-two strides would map every k to one cache set. A packed product at most kc / 2
  // deep takes blocks of mc_shallow rows (see GemmBlocking).
  const GemmBlocking& bl = cfg.blocking;
  const bool in_place_a = bl.kc_in_place > 0 && a.cs == 1 && n < bl.in_place_below_n;
  const bool shallow = bl.mc_shallow > 0 && 2 * k <= bl.kc;
  const int64_t kc_step = in_place_a ? bl.kc_in_place : bl.kc;
  int64_t mc_rows = shallow ? bl.mc_shallow : bl.mc;
  if (in_place_a) mc_rows = bl.mc_in_place > 0 ? bl.mc_in_place : bl.mc;
  const int64_t mc_max = std::max<int64_t>(mr, mc_rows / mr * mr);
  const int64_t nc_max = std::min<int64_t>(std::max<int64_t>(nr, bl.nc / nr * nr), (n + nr - 1) / nr * nr);
  const int64_t kc_max = std::min(kc_step, k);
  const int threads = m * n * k >= kParallelWork ? GetNumThreads() : 1;
  // Each thread takes a share of the rows of C (its own A blocks in its own L2), or of the
  // columns when C is too short for that, over one B panel packed by all of them.
  const bool split_rows = (m + mr - 1) / mr >= threads * 2 || (m + mr - 1) / mr >= (n + nr - 1) / nr;
  T* b_pack = Scratch<T>(0, nc_max * kc_max);
  for (int64_t jc = 0; jc < n; jc += nc_max) {
    const int64_t nc = std::min(nc_max, n - jc);
    const int64_t slivers = (nc + nr - 1) / nr;
    for (int64_t pc = 0; pc < k; pc += kc_step) {
      const int64_t kc = std::min(kc_step, k - pc);
      const bool accumulate = pc > 0;
      ParallelFor(threads > 1 ? slivers : 1, 4, [&](int64_t s0, int64_t s1) {
        if (threads <= 1) s1 = slivers;
        PackB(cfg, b, pc, kc, jc + s0 * nr, std::min(nc, s1 * nr) - s0 * nr, b_pack + s0 * nr * kc);
      });
      ParallelRun(threads, [&](int t, int nt) {
        int64_t r0 = 0, r1 = m, j0 = 0, j1 = nc;
        if (split_rows)
          Partition(m, mr, t, nt, &r0, &r1);
        else
          Partition(nc, nr, t, nt, &j0, &j1);
        T* a_pack = Scratch<T>(1, mc_max * kc);
        T* edge = Scratch<T>(2, mr * nr);
        for (int64_t ic = r0; ic < r1; ic += mc_max) {
          const int64_t mc = std::min(mc_max, r1 - ic);
          // Read in place, only a last panel of fewer than mr rows is packed (padded with zeros).
          const int64_t packed_from = in_place_a ? mc / mr * mr : 0;
          if (packed_from < mc) PackA(cfg, a, ic + packed_from, mc - packed_from, pc, kc, a_pack);
          for (int64_t jr = j0; jr < j1; jr += nr) {
            const int64_t cols = std::min<int64_t>(nr, nc - jr);
            const T* bp = b_pack + jr * kc;
            for (int64_t ir = 0; ir < mc; ir += mr) {
              const int64_t rows = std::min<int64_t>(mr, mc - ir);
              const bool in_place = ir < packed_from;
              const T* ap = in_place ? a.data + (ic + ir) * a.rs + pc : a_pack + (ir - packed_from) * kc;
              T* ct = c + (ic + ir) * ldc + jc + jr;
              if (rows == mr && cols == nr) {
                if (in_place)
                  cfg.fn_in_place(kc, ap, a.rs, bp, ct, ldc, accumulate);
                else
                  cfg.fn(kc, ap, bp, ct, ldc, accumulate);
                continue;
              }
              // Edge tile: compute the full tile into scratch, keep the valid part.
              if (in_place)
                cfg.fn_in_place(kc, ap, a.rs, bp, edge, nr, false);
              else
                cfg.fn(kc, ap, bp, edge, nr, false);
              for (int64_t i = 0; i < rows; ++i) {
                for (int64_t j = 0; j < cols; ++j) {
                  ct[i * ldc + j] = accumulate ? WrapAdd(ct[i * ldc + j], edge[i * nr + j]) : edge[i * nr + j];
                }
              }
            }
          }
        }
      });
    }
  }
}

template void Gemm<float>(const KernelTable&, int64_t, int64_t, int64_t, MatRef<float>, MatRef<float>, float*, int64_t);
template void Gemm<double>(const KernelTable&, int64_t, int64_t, int64_t, MatRef<double>, MatRef<double>, double*,
                           int64_t);
template void Gemm<int32_t>(const KernelTable&, int64_t, int64_t, int64_t, MatRef<int32_t>, MatRef<int32_t>, int32_t*,
                            int64_t);
template void Gemm<int64_t>(const KernelTable&, int64_t, int64_t, int64_t, MatRef<int64_t>, MatRef<int64_t>, int64_t*,
                            int64_t);

void Matmul(const KernelTable& kernels, const Dims& a_shape, const View& a, const Dims& b_shape, const View& b,
            const View& out) {
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
  CheckOutput(out_shape, o, "matmul");
  VisitDType(a.dtype, [&](auto tag) {
    using T = typename decltype(tag)::type;
    if constexpr (std::is_same_v<T, uint8_t>) {
      throw Error(Code::kDtype, "matmul: not supported for bool");
    } else {
      auto one = [&](int64_t bi) {
        MatRef<T> ar{a.As<T>() + a.offset + bi * a.strides[0], a.strides[1], a.strides[2]};
        MatRef<T> br{b.As<T>() + b.offset + bi * b.strides[0], b.strides[1], b.strides[2]};
        Gemm<T>(kernels, m, n, k, ar, br, out.As<T>() + out.offset + bi * m * n, n);
      };
      // Many small products: one per thread; a few large ones: each uses the whole pool.
      if (batch > 1 && m * n * k < kParallelWork * 8) {
        ParallelFor(batch, 1, [&](int64_t b0, int64_t b1) {
          for (int64_t bi = b0; bi < b1; ++bi) one(bi);
        });
      } else {
        for (int64_t bi = 0; bi < batch; ++bi) one(bi);
      }
    }
  });
}

}  // namespace tg
