// Activation kernels: every table against the reference, the vectorised exp in ulps, softmax.
#include <cstring>
#include <limits>
#include <string>
#include <vector>

#include "activation/activation.h"
#include "core/shape.h"
#include "tests/kernel_test.h"

namespace tg {
namespace test {
namespace {

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
void TestActivationsOf(const KernelTable& kernels, double tol) {
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
  // Under memcheck the double reference's own rounding (up to 1/2 ulp) adds to the error.
  if (!(ulps < (UnderMemcheck() ? 2.5 : 2.0))) {
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

}  // namespace

void TestActivations(const KernelTable& t) {
  TestActivationsOf<float>(t, 2e-6);
  TestActivationsOf<double>(t, 1e-13);
}

}  // namespace test
}  // namespace tg
