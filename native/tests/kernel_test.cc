// Kernel tests without Node, in one process over every ISA table this binary holds and this CPU
// runs: each table is compared slot by slot with the reference table, and the drivers (GEMM,
// binary, sum) run on it against naive float64 references, on odd sizes and on products larger
// than the table's GEMM blocking. Built and run by scripts/test_kernels.sh, natively, under
// valgrind and for arm64 under qemu.
#include <array>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
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
#include "reduce/arg_reduce.h"
#include "reduce/reduce.h"

namespace tg {
namespace {

int failures = 0;
int checks = 0;
uint32_t seed = 12345;

double Rand() {
  seed = seed * 1103515245u + 12345u;
  return (seed >> 8) / 16777216.0 * 2 - 1;
}

template <class T, class U>
void Check(const std::string& what, const std::vector<T>& got, const std::vector<U>& want, double tol) {
  ++checks;
  for (size_t i = 0; i < want.size(); ++i) {
    const double g = got[i], w = want[i];
    if (std::isnan(w) ? !std::isnan(g) : !(std::fabs(g - w) <= tol * std::max(1.0, std::fabs(w)))) {
      std::printf("FAIL %s at %zu: got %.9g want %.9g\n", what.c_str(), i, g, w);
      ++failures;
      return;
    }
  }
}

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
  }
}

template <class T>
const char* DtypeName() {
  return sizeof(T) == 4 ? " f32" : " f64";
}

template <class T>
View ViewOf(std::vector<T>& v, Dims strides, int64_t offset = 0) {
  View view;
  view.data = v.data();
  view.length = static_cast<int64_t>(v.size());
  view.dtype = sizeof(T) == 4 ? DType::kF32 : DType::kF64;
  view.strides = strides;
  view.offset = offset;
  return view;
}

// The GEMM driver on odd sizes, both layouts of B, and on products past the table's blocking:
// k > KC (several panels, the last partial), m > MC (several A blocks) and n > NC (several B
// panels), each with edge tiles.
template <class T>
void TestGemmDriver(const KernelTable& kernels, double tol) {
  const GemmConfig<T>& g = kernels.For<T>().gemm;
  const int mc = static_cast<int>(g.blocking.mc), kc = static_cast<int>(g.blocking.kc);
  const int nc = static_cast<int>(g.blocking.nc);
  const std::vector<std::array<int, 3>> shapes = {{1, 1, 1},
                                                  {5, 3, 7},
                                                  {17, 33, 31},
                                                  {70, 257, 65},
                                                  {130, 40, 129},
                                                  {1, 300, 200},
                                                  {300, 64, 1},
                                                  {2 * mc + 5, 2 * kc + 3, 3 * g.nr + 1},
                                                  {g.mr + 1, 17, nc + g.nr + 3}};
  for (auto [m, kk, n] : shapes) {
    for (bool trans_b : {false, true}) {
      std::vector<T> a(m * kk), b(kk * n), c(m * n);
      std::vector<double> want(m * n, 0.0);
      for (auto& v : a) v = static_cast<T>(Rand());
      for (auto& v : b) v = static_cast<T>(Rand());
      MatRef<T> ar{a.data(), kk, 1};
      MatRef<T> br = trans_b ? MatRef<T>{b.data(), 1, kk} : MatRef<T>{b.data(), n, 1};
      for (int i = 0; i < m; ++i)
        for (int j = 0; j < n; ++j)
          for (int p = 0; p < kk; ++p) {
            want[i * n + j] += static_cast<double>(a[i * kk + p]) * (trans_b ? b[j * kk + p] : b[p * n + j]);
          }
      Gemm<T>(kernels, m, n, kk, ar, br, c.data(), n);
      Check(std::string(kernels.isa) + " gemm driver " + std::to_string(m) + "x" + std::to_string(kk) + "x" +
                std::to_string(n) + (trans_b ? " B^T" : "") + DtypeName<T>(),
            c, want, tol * std::sqrt(static_cast<double>(kk)) * 4);
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

// int64 slots and drivers, exactly, against two's-complement arithmetic done in uint64_t (wrapping
// as PyTorch's int64 ops do) and hand-derived edge cases: INT64_MIN/MAX, floor division, powers.
constexpr int64_t kMin = std::numeric_limits<int64_t>::min(), kMax = std::numeric_limits<int64_t>::max();

void CheckI64(const std::string& what, const std::vector<int64_t>& got, const std::vector<int64_t>& want) {
  ++checks;
  for (size_t i = 0; i < want.size(); ++i) {
    if (got[i] != want[i]) {
      std::printf("FAIL %s at %zu: got %lld want %lld\n", what.c_str(), i, static_cast<long long>(got[i]),
                  static_cast<long long>(want[i]));
      ++failures;
      return;
    }
  }
}

int64_t U(uint64_t v) { return static_cast<int64_t>(v); }

void TestInt64(const KernelTable& t) {
  const TypedKernels<int64_t>& k = t.i64;
  const std::string tag = std::string(t.isa) + " i64 ";
  const std::vector<int64_t> a = {kMax, kMin, -7, 7, 0, 1, -1, int64_t{1} << 40, 3, kMin, -9, 9, 5, 123456789012345,
                                  -2,   2,    11};
  const std::vector<int64_t> b = {1, -1, 2, -2, 5, kMax, kMin, int64_t{1} << 30, -4, 2, 4, -4, 0, -3, 63, 62, 1};
  const size_t n = a.size();
  std::vector<int64_t> o(n), want(n);
  for (int layout = 0; layout < kNumLayouts; ++layout) {
    auto x = [&](size_t i) { return layout == kScalarVec ? a[0] : a[i]; };
    auto y = [&](size_t i) { return layout == kVecScalar ? b[0] : b[i]; };
    const std::string l = "/" + std::to_string(layout);
    k.binary[kAdd][layout](a.data(), b.data(), o.data(), n);
    for (size_t i = 0; i < n; ++i) want[i] = U(static_cast<uint64_t>(x(i)) + static_cast<uint64_t>(y(i)));
    CheckI64(tag + "add" + l, o, want);
    k.binary[kSub][layout](a.data(), b.data(), o.data(), n);
    for (size_t i = 0; i < n; ++i) want[i] = U(static_cast<uint64_t>(x(i)) - static_cast<uint64_t>(y(i)));
    CheckI64(tag + "sub" + l, o, want);
    k.binary[kMul][layout](a.data(), b.data(), o.data(), n);
    for (size_t i = 0; i < n; ++i) want[i] = U(static_cast<uint64_t>(x(i)) * static_cast<uint64_t>(y(i)));
    CheckI64(tag + "mul" + l, o, want);
    k.binary[kMaximum][layout](a.data(), b.data(), o.data(), n);
    for (size_t i = 0; i < n; ++i) want[i] = x(i) > y(i) ? x(i) : y(i);
    CheckI64(tag + "maximum" + l, o, want);
    k.binary[kMinimum][layout](a.data(), b.data(), o.data(), n);
    for (size_t i = 0; i < n; ++i) want[i] = x(i) < y(i) ? x(i) : y(i);
    CheckI64(tag + "minimum" + l, o, want);
  }
  // Floor division (0 for a zero divisor: the library refuses it first), and powers by squaring.
  k.binary[kDiv][kVecVec](a.data(), b.data(), o.data(), n);
  CheckI64(tag + "floor div", o,
           {kMax, kMin, -4, -4, 0, 0, 0, 1024, -1, kMin / 2, -3, -3, 0, -41152263004115, -1, 0, 11});
  const std::vector<int64_t> base = {3, -2, -2, 2, 1, -1, -1, 0, 5, 7};
  const std::vector<int64_t> expo = {40, 63, 64, 64, -3, -3, -4, 0, 0, 1};
  std::vector<int64_t> p(base.size());
  k.binary[kPow][kVecVec](base.data(), expo.data(), p.data(), static_cast<int64_t>(base.size()));
  CheckI64(tag + "pow", p, {U(12157665459056928801ull), kMin, 0, 0, 1, -1, 1, 1, 1, 7});
  k.unary[kNeg](a.data(), o.data(), n);
  for (size_t i = 0; i < n; ++i) want[i] = U(0 - static_cast<uint64_t>(a[i]));
  CheckI64(tag + "neg", o, want);
  k.unary[kAbs](a.data(), o.data(), n);
  for (size_t i = 0; i < n; ++i) want[i] = a[i] < 0 ? U(0 - static_cast<uint64_t>(a[i])) : a[i];
  CheckI64(tag + "abs", o, want);
  k.unary[kSign](a.data(), o.data(), n);
  for (size_t i = 0; i < n; ++i) want[i] = a[i] > 0 ? 1 : a[i] < 0 ? -1 : 0;
  CheckI64(tag + "sign", o, want);
  uint64_t s = 0;
  for (int64_t v : a) s += static_cast<uint64_t>(v);
  CheckI64(tag + "sum", {k.sum(a.data(), static_cast<int64_t>(n))}, {U(s)});
  // The micro-kernel: exact integer products.
  const int mr = k.gemm.mr, nr = k.gemm.nr, kc = 9;
  std::vector<int64_t> ap(mr * kc), bp(nr * kc), c(mr * nr), cw(mr * nr, 0);
  for (size_t i = 0; i < ap.size(); ++i) ap[i] = static_cast<int64_t>(i % 7) - 3 + (int64_t{1} << 33);
  for (size_t i = 0; i < bp.size(); ++i) bp[i] = static_cast<int64_t>(i % 5) - 2;
  for (int i = 0; i < mr; ++i)
    for (int j = 0; j < nr; ++j)
      for (int q = 0; q < kc; ++q) cw[i * nr + j] += ap[q * mr + i] * bp[q * nr + j];
  k.gemm.fn(kc, ap.data(), bp.data(), c.data(), nr, false);
  CheckI64(tag + "gemm micro-kernel", c, cw);
  // Drivers: a broadcast binary, sums over each dim, and arg max with int64 indices.
  const int64_t rows = 5, cols = 37;
  std::vector<int64_t> m(rows * cols), row(cols), out(rows * cols);
  for (int64_t i = 0; i < rows * cols; ++i) m[i] = (i * 7919) % 1000 - 500 + (i % 3 == 0 ? kMax - 400 : 0);
  for (int64_t j = 0; j < cols; ++j) row[j] = j * 3 - 50;
  auto view = [](std::vector<int64_t>& v, Dims st) {
    View w;
    w.data = v.data();
    w.length = static_cast<int64_t>(v.size());
    w.dtype = DType::kI64;
    w.strides = st;
    return w;
  };
  Binary(t, kAdd, {rows, cols}, view(out, {cols, 1}), view(m, {cols, 1}), view(row, {0, 1}));
  std::vector<int64_t> bw(rows * cols);
  for (int64_t i = 0; i < rows * cols; ++i)
    bw[i] = U(static_cast<uint64_t>(m[i]) + static_cast<uint64_t>(row[i % cols]));
  CheckI64(tag + "binary driver broadcast", out, bw);
  for (const Dims& reduce : {Dims{1, 0}, Dims{0, 1}}) {
    std::vector<int64_t> got(reduce[0] ? cols : rows);
    std::vector<uint64_t> acc(got.size(), 0);
    ReduceSum(t, {rows, cols}, view(m, {cols, 1}), reduce, view(got, {}), 1.0);
    for (int64_t i = 0; i < rows * cols; ++i) acc[reduce[0] ? i % cols : i / cols] += static_cast<uint64_t>(m[i]);
    std::vector<int64_t> sw(acc.begin(), acc.end());
    CheckI64(tag + "sum driver over dim " + std::to_string(reduce[0] ? 0 : 1), got, sw);
  }
  std::vector<int64_t> vals(rows), idx(rows), iw(rows), vw(rows);
  ArgReduce(0, {rows, cols}, view(m, {cols, 1}), 1, view(vals, {}), view(idx, {}));
  for (int64_t r = 0; r < rows; ++r) {
    iw[r] = 0;
    for (int64_t j = 1; j < cols; ++j)
      if (m[r * cols + j] > m[r * cols + iw[r]]) iw[r] = j;
    vw[r] = m[r * cols + iw[r]];
  }
  CheckI64(tag + "arg max indices", idx, iw);
  CheckI64(tag + "arg max values", vals, vw);
}

// Casts to and from int64 (the copy driver): float truncates, NaN and out of range give INT64_MIN
// as on x86, int64 -> float32 rounds once to nearest even, int64 -> int32 wraps.
void TestInt64Casts() {
  std::vector<double> f = {2.9, -2.9, 1e30, -1e30, std::nan(""), 9223372036854775808.0, -9223372036854775808.0, 0.5};
  std::vector<int64_t> i(f.size());
  View src, dst;
  src.data = f.data(), src.length = static_cast<int64_t>(f.size()), src.dtype = DType::kF64, src.strides = {1};
  dst.data = i.data(), dst.length = static_cast<int64_t>(i.size()), dst.dtype = DType::kI64, dst.strides = {1};
  Copy({static_cast<int64_t>(f.size())}, dst, src);
  CheckI64("cast f64 -> i64", i, {2, -2, kMin, kMin, kMin, kMin, kMin, 0});
  std::vector<int64_t> big = {(int64_t{1} << 60) + (int64_t{1} << 36) + 1, (int64_t{1} << 24) + 1,
                              -((int64_t{1} << 53) + 1), kMax};
  std::vector<float> g(big.size());
  std::vector<int32_t> w(big.size());
  src.data = big.data(), src.length = static_cast<int64_t>(big.size()), src.dtype = DType::kI64;
  dst.data = g.data(), dst.length = static_cast<int64_t>(g.size()), dst.dtype = DType::kF32;
  Copy({static_cast<int64_t>(big.size())}, dst, src);
  // 2^60 + 2^36 + 1 is 2^60 + 2^36 + 1 / 2 ulp (ulp 2^37) above 2^60: rounds up, where a detour
  // through double (2^60 + 2^36, a tie) would round to even, down.
  Check("cast i64 -> f32", g,
        std::vector<double>{1152921642045800448.0, 16777216.0, -9007199254740992.0, 9223372036854775808.0}, 0);
  dst.data = w.data(), dst.dtype = DType::kI32;
  Copy({static_cast<int64_t>(big.size())}, dst, src);
  std::vector<int64_t> wide(w.begin(), w.end());
  CheckI64("cast i64 -> i32", wide, {1, 16777217, -1, -1});
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
}  // namespace tg

int main() {
  using namespace tg;
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
    TestInt64(t);
    ran += " " + isa;
  }
  std::printf("kernel_test: tables%s (the addon would use %s): %d checks, %d failures\n", ran.c_str(), Kernels().isa,
              checks, failures);
  return failures == 0 ? 0 : 1;
}
