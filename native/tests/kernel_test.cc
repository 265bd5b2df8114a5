// Kernel tests without Node, in one process over every ISA table this binary holds and this CPU
// runs: each table is compared slot by slot with the reference table, and the drivers (GEMM,
// binary, sum) run on it against naive float64 references, on odd sizes and on products larger
// than the table's GEMM blocking. Built and run by scripts/test_kernels.sh, natively, under
// valgrind and for arm64 under qemu.
#include "tests/kernel_test.h"

#include <array>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <limits>
#include <new>
#include <stdexcept>
#include <string>
#include <vector>

#include "core/error.h"
#include "cpu/dispatch.h"
#include "elementwise/elementwise.h"
#include "gemm/gemm.h"
#include "kernels/table.h"
#include "reduce/reduce.h"

namespace tg {
namespace test {

int failures = 0;
int checks = 0;
namespace {
uint32_t seed = 12345;
}  // namespace

bool UnderMemcheck() { return std::getenv("TG_KERNEL_TEST_MEMCHECK") != nullptr; }

double Rand() {
  seed = seed * 1103515245u + 12345u;
  return (seed >> 8) / 16777216.0 * 2 - 1;
}

namespace {

template <class T>
void TestTable(const char* isa, const TypedKernels<T>& k, const TypedKernels<T>& r, double tol) {
  const std::string tag = std::string(isa) + (sizeof(T) == 4 ? " f32 " : " f64 ");
  for (int n : {1, 3, 7, 8, 15, 16, 17, 31, 33, 64, 100, 1001}) {
    std::vector<T> a(n), b(n), o(n), w(n);
    for (int i = 0; i < n; ++i) {
      a[i] = static_cast<T>(Rand() + 2);
      b[i] = static_cast<T>(Rand() + 2);
    }
    for (int op = 0; op < kNumBinaryOps; ++op) {
      for (int layout = 0; layout < kNumLayouts; ++layout) {
        k.binary[op][layout](a.data(), b.data(), o.data(), n);
        r.binary[op][layout](a.data(), b.data(), w.data(), n);
        Check(tag + "binary " + std::to_string(op) + "/" + std::to_string(layout) + " n=" + std::to_string(n), o, w,
              tol);
      }
    }
    for (int op = 0; op < kNumUnaryOps; ++op) {
      k.unary[op](a.data(), o.data(), n);
      r.unary[op](a.data(), w.data(), n);
      Check(tag + "unary " + std::to_string(op) + " n=" + std::to_string(n), o, w, tol);
    }
    Check(tag + "sum n=" + std::to_string(n), std::vector<T>{k.sum(a.data(), n)}, std::vector<T>{r.sum(a.data(), n)},
          tol * 8);
    Check(tag + "dot n=" + std::to_string(n), std::vector<T>{k.dot(a.data(), b.data(), n)},
          std::vector<T>{r.dot(a.data(), b.data(), n)}, tol * 8);
    o = b;
    w = b;
    k.axpy(n, T(0.5), a.data(), o.data());
    r.axpy(n, T(0.5), a.data(), w.data());
    Check(tag + "axpy n=" + std::to_string(n), o, w, tol);
    // The GEMV kernels give this table's dot per row and its repeated axpy exactly: 5 rows of
    // length n, n + 1 apart; then columns: a 5 x n block (rows n + 1 apart), alphas 2 apart.
    std::vector<T> block(5 * (n + 1)), alphas(10);
    for (auto& v : block) v = static_cast<T>(Rand());
    for (auto& v : alphas) v = static_cast<T>(Rand());
    std::vector<T> rows_got(10), rows_want(10);
    k.dot_rows(block.data(), n + 1, b.data(), n, rows_got.data(), 2, 5);
    for (int i = 0; i < 5; ++i) rows_want[2 * i] = k.dot(block.data() + i * (n + 1), b.data(), n);
    Check(tag + "dot_rows n=" + std::to_string(n), rows_got, rows_want, 0);
    std::vector<T> cols_want(n, T(0));
    for (int p = 0; p < 5; ++p) k.axpy(n, alphas[2 * p], block.data() + p * (n + 1), cols_want.data());
    k.axpy_cols(n, 5, alphas.data(), 2, block.data(), n + 1, o.data());
    Check(tag + "axpy_cols n=" + std::to_string(n), o, cols_want, 0);
    // Three rows `n + 2` apart (a strided matrix), added onto b; the same order, so exact.
    std::vector<T> rows(3 * (n + 2));
    for (auto& v : rows) v = static_cast<T>(Rand());
    o = b;
    w = b;
    k.add_rows(o.data(), rows.data(), n + 2, 3, n);
    r.add_rows(w.data(), rows.data(), n + 2, 3, n);
    Check(tag + "add_rows n=" + std::to_string(n), o, w, 0);
  }
  // The micro-kernel on packed panels against a naive product of the same panels.
  const int mr = k.gemm.mr, nr = k.gemm.nr;
  for (int kc : {1, 5, 64}) {
    std::vector<T> ap(mr * kc), bp(nr * kc), c(mr * nr), want(mr * nr, T(0));
    for (auto& v : ap) v = static_cast<T>(Rand());
    for (auto& v : bp) v = static_cast<T>(Rand());
    for (int i = 0; i < mr; ++i)
      for (int j = 0; j < nr; ++j)
        for (int p = 0; p < kc; ++p) want[i * nr + j] += ap[p * mr + i] * bp[p * nr + j];
    k.gemm.fn(kc, ap.data(), bp.data(), c.data(), nr, false);
    Check(tag + "gemm micro-kernel kc=" + std::to_string(kc), c, want, tol * kc);
    // A read in place (rows kc + 3 apart) gives the packed kernel's bits: the same order.
    std::vector<T> rows(mr * (kc + 3), T(0)), c_rows(mr * nr);
    for (int i = 0; i < mr; ++i)
      for (int p = 0; p < kc; ++p) rows[i * (kc + 3) + p] = ap[p * mr + i];
    k.gemm.fn_in_place(kc, rows.data(), kc + 3, bp.data(), c_rows.data(), nr, false);
    Check(tag + "gemm micro-kernel, A in place, kc=" + std::to_string(kc), c_rows, c, 0);
    // A^T's packing: the panel's kc columns are mr + 2 apart.
    std::vector<T> at(kc * (mr + 2)), at_pack(mr * kc);
    for (int p = 0; p < kc; ++p)
      for (int i = 0; i < mr; ++i) at[p * (mr + 2) + i] = ap[p * mr + i];
    k.gemm.pack_at(at.data(), mr + 2, kc, at_pack.data());
    Check(tag + "gemm packing of A^T, kc=" + std::to_string(kc), at_pack, ap, 0);
    // B^T's packing: the sliver's nr columns are rows kc + 1 apart.
    std::vector<T> bt(nr * (kc + 1)), bt_pack(nr * kc);
    for (int j = 0; j < nr; ++j)
      for (int p = 0; p < kc; ++p) bt[j * (kc + 1) + p] = bp[p * nr + j];
    k.gemm.pack_bt(bt.data(), kc + 1, kc, bt_pack.data());
    Check(tag + "gemm packing of B^T, kc=" + std::to_string(kc), bt_pack, bp, 0);
  }
}

// The GEMM driver on odd sizes, the four layouts of A and B (bit for bit alike where they sum in
// the same order), and on products past the table's blocking: k > KC (several panels, the last
// partial), m > MC (several A blocks) and n > NC (several B panels), each with edge tiles.
template <class T>
void TestGemmDriver(const KernelTable& kernels, double tol) {
  const GemmConfig<T>& g = kernels.For<T>().gemm;
  const int mc = static_cast<int>(g.blocking.mc), kc = static_cast<int>(g.blocking.kc);
  const int nc = static_cast<int>(g.blocking.nc), kc_in_place = static_cast<int>(g.blocking.kc_in_place);
  std::vector<std::array<int, 3>> shapes = {{1, 1, 1},
                                            {5, 3, 7},
                                            {17, 33, 31},
                                            {70, 257, 65},
                                            {130, 40, 129},
                                            {1, 300, 200},
                                            {300, 64, 1},
                                            {2 * mc + 5, 2 * kc + 3, 3 * g.nr + 1},
                                            {g.mr + 1, 17, nc + g.nr + 3}};
  // A read in place: panels kc_in_place deep, the last partial, and a last block of < mr rows;
  // split by rows, and (3 row panels, 6 slivers, enough work for 2 threads) by columns. From
  // in_place_below_n columns up A is packed again: blocks of mc rows, panels kc deep (two, the
  // last partial), or of mc_shallow rows in a product at most kc / 2 deep.
  if (kc_in_place > 0) {
    const int mc_in_place = static_cast<int>(g.blocking.mc_in_place > 0 ? g.blocking.mc_in_place : mc);
    shapes.push_back({2 * mc_in_place + g.mr + 3, 2 * kc_in_place + 5, 2 * g.nr + 7});
    shapes.push_back({2 * g.mr + 3, 2 * kc_in_place + 5, 5 * g.nr + 5});
    if (g.blocking.in_place_below_n != kAnyWidth) {
      // Two blocks per thread when split by rows over 2 threads.
      const int n_packed = static_cast<int>(g.blocking.in_place_below_n) + 3;
      const int mc_shallow = static_cast<int>(g.blocking.mc_shallow > 0 ? g.blocking.mc_shallow : mc);
      shapes.push_back({2 * mc + g.mr + 1, kc + 9, n_packed});
      shapes.push_back({2 * mc_shallow + g.mr + 1, 9, n_packed});
    }
  }
  // Two layouts whose panels are as deep (A^T is packed kc deep, A may be read in place
  // kc_in_place deep), or a product no deeper than either, sum in the same order: the same bits
  // (not so for the matrix-vector paths, which have one kernel each).
  for (auto [m, kk, n] : shapes) {
    const bool a_in_place = kc_in_place > 0 && n < g.blocking.in_place_below_n;
    const int depth_a = a_in_place ? kc_in_place : kc;
    const bool same_order = depth_a == kc || kk <= std::min(depth_a, kc);
    // One product (A and B row-major), laid out in memory four ways.
    std::vector<T> a(m * kk), b(kk * n), first;
    for (auto& v : a) v = static_cast<T>(Rand());
    for (auto& v : b) v = static_cast<T>(Rand());
    std::vector<double> want(m * n, 0.0);
    for (int i = 0; i < m; ++i)
      for (int j = 0; j < n; ++j)
        for (int p = 0; p < kk; ++p) want[i * n + j] += static_cast<double>(a[i * kk + p]) * b[p * n + j];
    for (int layout = 0; layout < 4; ++layout) {
      const bool trans_a = layout & 2, trans_b = layout & 1;
      std::vector<T> am(a), bm(b), c(m * n);
      if (trans_a)
        for (int i = 0; i < m; ++i)
          for (int p = 0; p < kk; ++p) am[p * m + i] = a[i * kk + p];
      if (trans_b)
        for (int p = 0; p < kk; ++p)
          for (int j = 0; j < n; ++j) bm[j * kk + p] = b[p * n + j];
      MatRef<T> ar = trans_a ? MatRef<T>{am.data(), 1, m} : MatRef<T>{am.data(), kk, 1};
      MatRef<T> br = trans_b ? MatRef<T>{bm.data(), 1, kk} : MatRef<T>{bm.data(), n, 1};
      Gemm<T>(kernels, m, n, kk, ar, br, c.data(), n);
      const std::string what = std::string(kernels.isa) + " gemm driver " + std::to_string(m) + "x" +
                               std::to_string(kk) + "x" + std::to_string(n) + (trans_a ? " A^T" : "") +
                               (trans_b ? " B^T" : "") + DtypeName<T>();
      Check(what, c, want, tol * std::sqrt(static_cast<double>(kk)) * 4);
      if (layout == 0)
        first = c;
      else if ((!trans_a || same_order) && m > 1 && n > 1)
        Check(what + " bits as A B", c, first, 0);
    }
  }
}

// Binary with a broadcast row and a transposed operand, and sums over each dim and all of a
// strided matrix, through the drivers with this table.
template <class T>
void TestElementwiseDrivers(const KernelTable& kernels, double tol) {
  const std::string tag = std::string(kernels.isa) + DtypeName<T>();
  const int64_t rows = 37, cols = 301;
  const Dims shape{rows, cols};
  std::vector<T> x(rows * cols), row(cols), xt(rows * cols), out(rows * cols);
  for (auto& v : x) v = static_cast<T>(Rand());
  for (auto& v : row) v = static_cast<T>(Rand() + 2);
  for (auto& v : xt) v = static_cast<T>(Rand());
  for (int op : {kAdd, kMul, kDiv}) {
    // out = x (op) row, broadcast over rows; then out = out (op) xt^T read with strides.
    Binary(kernels, op, shape, ViewOf(out, {cols, 1}), ViewOf(x, {cols, 1}), ViewOf(row, {0, 1}));
    std::vector<double> want(rows * cols);
    for (int64_t i = 0; i < rows; ++i)
      for (int64_t j = 0; j < cols; ++j) {
        const double a = x[i * cols + j], b = row[j];
        want[i * cols + j] = op == kAdd ? a + b : op == kMul ? a * b : a / b;
      }
    Check(tag + " binary driver " + BinaryOpName(op) + " broadcast", out, want, tol);
  }
  std::vector<T> strided(rows * cols);
  // xt holds a cols x rows matrix; read transposed it is rows x cols with strides {1, rows}.
  Binary(kernels, kSub, shape, ViewOf(strided, {cols, 1}), ViewOf(x, {cols, 1}), ViewOf(xt, {1, rows}));
  std::vector<double> want(rows * cols);
  for (int64_t i = 0; i < rows; ++i)
    for (int64_t j = 0; j < cols; ++j) want[i * cols + j] = double(x[i * cols + j]) - xt[j * rows + i];
  Check(tag + " binary driver sub transposed", strided, want, tol);
  for (const Dims& reduce : {Dims{1, 0}, Dims{0, 1}, Dims{1, 1}}) {
    const int64_t n = (reduce[0] ? 1 : rows) * (reduce[1] ? 1 : cols);
    std::vector<T> got(n);
    std::vector<double> sum(n, 0.0);
    ReduceSum(kernels, shape, ViewOf(x, {cols, 1}), reduce, ViewOf(got, {}), 1.0);
    for (int64_t i = 0; i < rows; ++i)
      for (int64_t j = 0; j < cols; ++j)
        sum[(reduce[0] ? 0 : i) * (reduce[1] ? 1 : cols) + (reduce[1] ? 0 : j)] += x[i * cols + j];
    Check(tag + " sum driver over dims " + std::to_string(reduce[0]) + std::to_string(reduce[1]), got, sum,
          tol * std::sqrt(static_cast<double>(rows * cols)) * 4);
  }
}

// The exception mapping that the N-API guard and the async executor share.
template <class F>
ErrorReport ReportOf(F&& thrower) {
  try {
    thrower();
  } catch (...) {
    return ReportException(std::current_exception());
  }
  return {};
}

void ExpectReport(const ErrorReport& got, const char* code, const std::string& message) {
  ++checks;
  if (got.code == nullptr || std::string(got.code) != code || got.message != message) {
    std::printf("FAIL error report: got %s \"%s\" want %s \"%s\"\n", got.code ? got.code : "(none)",
                got.message.c_str(), code, message.c_str());
    ++failures;
  }
}

void TestErrorReports() {
  ExpectReport(ReportOf([] { throw Error(Code::kShape, "matmul: cannot multiply"); }), "SHAPE",
               "matmul: cannot multiply");
  ExpectReport(ReportOf([] { throw Error(Code::kIndex, "index 9 is out of bounds"); }), "INDEX",
               "index 9 is out of bounds");
  ExpectReport(ReportOf([] { throw std::bad_alloc(); }), "ARGUMENT", "out of memory");
  ExpectReport(ReportOf([] { throw std::runtime_error("boom"); }), "ARGUMENT", "boom");
  ExpectReport(ReportOf([] { throw 42; }), "ARGUMENT", "unknown C++ exception");
}

}  // namespace
}  // namespace test
}  // namespace tg

int main() {
  using namespace tg;
  using namespace tg::test;
  const KernelTable& ref_table = ref::Table();
  TestErrorReports();
  TestInt64Casts();
  std::string ran;
  for (const std::string& isa : SupportedIsas()) {
    const KernelTable t = TableFor(isa);
    TestTable<float>(isa.c_str(), t.f32, ref_table.f32, 2e-6);
    TestTable<double>(isa.c_str(), t.f64, ref_table.f64, 1e-13);
    TestGemmDriver<float>(t, 2e-6);
    TestGemmDriver<double>(t, 1e-13);
    TestElementwiseDrivers<float>(t, 2e-6);
    TestElementwiseDrivers<double>(t, 1e-13);
    TestActivations(t);
    TestMathAccuracy(isa.c_str(), t);
    TestMathAccuracy64(isa.c_str(), t);
    TestInt64(t);
    TestNormalBlocks(isa.c_str(), t, ref_table);
    TestOptimSteps(isa.c_str(), t, ref_table);
    ran += " " + isa;
  }
  std::printf("kernel_test: tables%s (the addon would use %s): %d checks, %d failures\n", ran.c_str(), Kernels().isa,
              checks, failures);
  return failures == 0 ? 0 : 1;
}
