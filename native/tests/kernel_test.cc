// Kernel tests without Node, in one process over every ISA table this binary holds and this CPU
// runs: each table is compared slot by slot with the reference table, and the drivers (GEMM,
// binary, sum) run on it against naive float64 references, on odd sizes and on products larger
// than the table's GEMM blocking. Built and run by scripts/test_kernels.sh, natively, under
// valgrind and for arm64 under qemu.
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

#include "activation/activation.h"
#include "core/error.h"
#include "cpu/dispatch.h"
#include "elementwise/elementwise.h"
#include "gemm/gemm.h"
#include "kernels/table.h"
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

// The error of the vectorised exp in units in the last place of the correctly rounded result,
// over every 997th float (every float's exponent, subnormal results, over- and underflow) or
// 2^20 doubles spread over [-760, 720], against a long-double exp; exact for +-inf and NaN.
template <class T>
double ExpUlpError(const TypedKernels<T>& k, const std::string& tag) {
  std::vector<T> x, got;
  if constexpr (sizeof(T) == 4) {
    for (uint64_t b = 0; b < (1ull << 32); b += 997) {
      float v;
      const uint32_t bits = static_cast<uint32_t>(b);
      std::memcpy(&v, &bits, 4);
      if (std::fabs(v) < 120 || std::isnan(v)) x.push_back(v);
    }
  } else {
    for (int i = 0; i < (1 << 20); ++i) x.push_back(-760.0 + 1480.0 * i / (1 << 20) + 1e-9 * i);
    for (double v : {1e-300, -1e-300, 5e-324, 0.5, -0.5, 709.78, 709.79, -745.13, -745.14}) x.push_back(v);
  }
  const T inf = std::numeric_limits<T>::infinity();
  for (T v : {inf, -inf, std::numeric_limits<T>::quiet_NaN(), T(0), T(-0.0)}) x.push_back(v);
  got.resize(x.size());
  k.activation[kActVecExp](x.data(), got.data(), static_cast<int64_t>(x.size()), 0, 0);
  double worst = 0;
  for (size_t i = 0; i < x.size(); ++i) {
    const long double want = std::exp(static_cast<long double>(x[i]));
    const T rounded = static_cast<T>(want);
    if (std::isnan(x[i]) || std::isinf(rounded) || rounded == 0) {
      if (!(std::isnan(x[i]) ? std::isnan(got[i])
                             : got[i] == rounded || (rounded == 0 && got[i] <= std::numeric_limits<T>::denorm_min()))) {
        std::printf("FAIL %s exp(%.9g) = %.9g, want %.9g\n", tag.c_str(), double(x[i]), double(got[i]),
                    double(rounded));
        ++failures;
      }
      continue;
    }
    const T ulp = std::nextafter(rounded, inf) - rounded;
    const double err = static_cast<double>(std::fabs((static_cast<long double>(got[i]) - want) / ulp));
    if (err > worst) worst = err;
  }
  ++checks;
  return worst;
}

// Activation slots against the reference table, the exp's accuracy, and the softmax driver on
// every layout (last dim, middle dim with a short and a long inner run) against float64 loops.
template <class T>
void TestActivations(const KernelTable& kernels, double tol) {
  const std::string tag = std::string(kernels.isa) + DtypeName<T>();
  const TypedKernels<T>& k = kernels.For<T>();
  const TypedKernels<T>& r = ref::Table().For<T>();
  for (int n : {1, 7, 17, 100}) {
    std::vector<T> a(n), o(n), w(n);
    for (int i = 0; i < n; ++i) a[i] = static_cast<T>(Rand() * 12);
    for (int op = 0; op < kNumActivationOps; ++op) {
      k.activation[op](a.data(), o.data(), n, T(0.7), T(3));
      r.activation[op](a.data(), w.data(), n, T(0.7), T(3));
      Check(tag + " activation " + std::to_string(op) + " n=" + std::to_string(n), o, w, tol * 4);
    }
  }
  const double ulps = ExpUlpError(k, tag);
  std::printf("%s vectorised exp: max error %.3f ulp\n", tag.c_str(), ulps);
  if (!(ulps < (sizeof(T) == 4 ? 2.0 : 2.0))) {
    std::printf("FAIL %s exp max error %.3f ulp\n", tag.c_str(), ulps);
    ++failures;
  }
  for (const Dims& shape : {Dims{5, 37}, Dims{3, 1000, 1}, Dims{4, 9, 3}, Dims{2, 5, 300}, Dims{1}}) {
    for (int64_t dim = 0; dim < static_cast<int64_t>(shape.size()); ++dim) {
      for (bool log : {false, true}) {
        const int64_t numel = Numel(shape, "test");
        std::vector<T> x(numel), out(numel);
        for (auto& v : x) v = static_cast<T>(Rand() * 30);
        int64_t outer = 1, inner = 1;
        for (int64_t i = 0; i < dim; ++i) outer *= shape[i];
        for (size_t i = dim + 1; i < shape.size(); ++i) inner *= shape[i];
        const int64_t n = shape[dim];
        std::vector<double> want(numel);
        for (int64_t o = 0; o < outer; ++o)
          for (int64_t j = 0; j < inner; ++j) {
            double m = -INFINITY, s = 0;
            for (int64_t i = 0; i < n; ++i) m = std::max(m, double(x[(o * n + i) * inner + j]));
            for (int64_t i = 0; i < n; ++i) s += std::exp(double(x[(o * n + i) * inner + j]) - m);
            for (int64_t i = 0; i < n; ++i) {
              const double v = double(x[(o * n + i) * inner + j]) - m;
              want[(o * n + i) * inner + j] = log ? v - std::log(s) : std::exp(v) / s;
            }
          }
        Softmax(kernels, log, shape, ViewOf(x, {}), dim, ViewOf(out, {}));
        Check(tag + (log ? " log_softmax " : " softmax ") + DimsToString(shape) + " dim " + std::to_string(dim), out,
              want, tol * 8);
      }
    }
  }
}

// Float32 elementwise functions against the float64 libm value rounded to float32, over a
// sample of float32 inputs spread over the bit patterns and uniformly: at most 2 ulp on every
// table (glibc's float32 sinh, atanh, log10 and acosh reach 2; so do the SIMD tables' sin and cos
// polynomials near |r| = pi/2; their reduction boundary, tails and out-of-range lanes included).
int64_t UlpDistance(float a, float b) {
  if (std::isnan(a) || std::isnan(b)) return std::isnan(a) && std::isnan(b) ? 0 : INT64_MAX;
  int32_t ia, ib;
  std::memcpy(&ia, &a, 4);
  std::memcpy(&ib, &b, 4);
  const int64_t ka = ia < 0 ? int64_t(INT32_MIN) - ia : ia, kb = ib < 0 ? int64_t(INT32_MIN) - ib : ib;
  return ka > kb ? ka - kb : kb - ka;
}

struct MathCase {
  int op;
  double (*ref)(double);
  float lo, hi;
};

void TestMathAccuracy(const char* isa, const KernelTable& k) {
  const MathCase cases[] = {
      {kSin, sin, -130.0f, 130.0f}, {kCos, cos, -130.0f, 130.0f},   {kSin, sin, -4e5f, 4e5f},
      {kCos, cos, -1e-3f, 1e-3f},   {kTan, tan, -10.0f, 10.0f},     {kAsin, asin, -1.0f, 1.0f},
      {kAcos, acos, -1.0f, 1.0f},   {kAtan, atan, -50.0f, 50.0f},   {kSinh, sinh, -80.0f, 80.0f},
      {kCosh, cosh, -80.0f, 80.0f}, {kAsinh, asinh, -1e4f, 1e4f},   {kAcosh, acosh, 1.0f, 1e4f},
      {kAtanh, atanh, -1.0f, 1.0f}, {kLog1p, log1p, -0.99f, 1e4f},  {kExpm1, expm1, -20.0f, 80.0f},
      {kLog2, log2, 1e-30f, 1e30f}, {kLog10, log10, 1e-30f, 1e30f}, {kExp2, exp2, -120.0f, 120.0f},
      {kErf, erf, -5.0f, 5.0f},     {kExp, exp, -80.0f, 80.0f},     {kLog, log, 1e-30f, 1e30f},
  };
  for (const MathCase& c : cases) {
    // The float32 bit patterns between lo and hi: the negative ones descending, then the positive.
    std::vector<float> xs;
    auto add_range = [&](float a, float b) {  // 0 <= a < b
      uint32_t ia, ib;
      std::memcpy(&ia, &a, 4);
      std::memcpy(&ib, &b, 4);
      const uint32_t step = (ib - ia) / 400000 + 1;
      for (uint32_t i = ia; i <= ib; i += step) {  // log-uniform: every scale
        float v;
        std::memcpy(&v, &i, 4);
        xs.push_back(v);
      }
      for (int i = 0; i < 400000; ++i) xs.push_back(a + (b - a) * static_cast<float>(i) / 400000);  // uniform
    };
    if (c.lo < 0) {
      add_range(0.0f, -c.lo);
      for (size_t i = 0, m = xs.size(); i < m; ++i) xs.push_back(-xs[i]);
    }
    if (c.hi > 0) add_range(c.lo > 0 ? c.lo : 0.0f, c.hi);
    std::vector<float> got(xs.size());
    k.f32.unary[c.op](xs.data(), got.data(), static_cast<int64_t>(xs.size()));
    int64_t worst = 0;
    size_t at = 0;
    for (size_t i = 0; i < xs.size(); ++i) {
      const float want = static_cast<float>(c.ref(static_cast<double>(xs[i])));
      const int64_t d = UlpDistance(got[i], want);
      if (d > worst) worst = d, at = i;
    }
    ++checks;
    if (worst > 2) {
      std::printf("FAIL %s f32 %s on [%g, %g]: %lld ulp at %.9g\n", isa, UnaryOpName(c.op), c.lo, c.hi,
                  static_cast<long long>(worst), xs[at]);
      ++failures;
    }
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
}  // namespace tg

int main() {
  using namespace tg;
  const KernelTable& ref_table = ref::Table();
  TestErrorReports();
  std::string ran;
  for (const std::string& isa : SupportedIsas()) {
    const KernelTable t = TableFor(isa);
    TestTable<float>(isa.c_str(), t.f32, ref_table.f32, 2e-6);
    TestTable<double>(isa.c_str(), t.f64, ref_table.f64, 1e-13);
    TestGemmDriver<float>(t, 2e-6);
    TestGemmDriver<double>(t, 1e-13);
    TestElementwiseDrivers<float>(t, 2e-6);
    TestElementwiseDrivers<double>(t, 1e-13);
    TestActivations<float>(t, 2e-6);
    TestActivations<double>(t, 1e-13);
    TestMathAccuracy(isa.c_str(), t);
    ran += " " + isa;
  }
  std::printf("kernel_test: tables%s (the addon would use %s): %d checks, %d failures\n", ran.c_str(), Kernels().isa,
              checks, failures);
  return failures == 0 ? 0 : 1;
}
