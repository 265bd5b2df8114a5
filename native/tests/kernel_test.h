// Shared by the kernel test's files (tests.kernel_test in native/sources.json): the failure
// count, a deterministic generator, comparison helpers and views over vectors.
#pragma once
#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <limits>
#include <string>
#include <type_traits>
#include <vector>

#include "core/view.h"
#include "kernels/table.h"

namespace tg {
namespace test {

extern int failures;
extern int checks;

// A uniform double in [-1, 1) from a fixed LCG (the same inputs on every run and machine).
double Rand();

// True under valgrind (scripts/test_kernels.sh valgrind sets TG_KERNEL_TEST_MEMCHECK). Valgrind's
// CPU has no 80-bit long double (a long-double reference is only a double) and converts a 64-bit
// integer to float through a double (rounding twice); the checks that rest on either take that
// into account there. The native and qemu runs check the same code exactly.
bool UnderMemcheck();

// The distance in ulps between two floats or two doubles (NaN to NaN 0, NaN to a number
// INT64_MAX): both onto one monotone integer line, negative values mirrored below zero.
template <class T>
int64_t UlpDistance(T a, T b) {
  using I = std::conditional_t<sizeof(T) == 4, int32_t, int64_t>;
  if (std::isnan(a) || std::isnan(b)) return std::isnan(a) && std::isnan(b) ? 0 : INT64_MAX;
  I ia, ib;
  std::memcpy(&ia, &a, sizeof(T));
  std::memcpy(&ib, &b, sizeof(T));
  constexpr int64_t kMin = std::numeric_limits<I>::min();
  const int64_t ka = ia < 0 ? kMin - ia : ia, kb = ib < 0 ? kMin - ib : ib;
  return ka > kb ? ka - kb : kb - ka;
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

// Each family's tests, run by main() in kernel_test.cc on every table this CPU runs.
void TestActivations(const KernelTable& t);
void TestMathAccuracy(const char* isa, const KernelTable& t);
void TestMathAccuracy64(const char* isa, const KernelTable& t);
void TestInt64(const KernelTable& t);
void TestInt64Casts();
void TestNormalBlocks(const char* isa, const KernelTable& t, const KernelTable& r);
void TestOptimSteps(const char* isa, const KernelTable& t, const KernelTable& r);

}  // namespace test
}  // namespace tg
