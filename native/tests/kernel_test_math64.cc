// Float64 exp, log, sin and cos on every table against long double libm, in ulps: within 1 ulp of
// the correctly rounded value over random inputs across the whole domain and near the points
// where the functions are hardest (multiples of pi/2, 1, the overflow and underflow thresholds),
// and special values bit for bit libm's. Every table calls libm for these today (PyTorch's results
// agree with libm's more often than with our float64 vector kernels, which only the float32
// functions evaluated in float64 lanes use); this keeps any future vector version to the bound.
#include <algorithm>
#include <cfloat>
#include <cmath>
#include <cstring>
#include <limits>
#include <vector>

#include "elementwise/elementwise.h"
#include "tests/kernel_test.h"

namespace tg {
namespace test {
namespace {

double FromBits(uint64_t b) {
  double v;
  std::memcpy(&v, &b, 8);
  return v;
}

uint64_t Bits(double v) {
  uint64_t b;
  std::memcpy(&b, &v, 8);
  return b;
}

uint64_t state = 0x9E3779B97F4A7C15ull;
uint64_t Next() {  // xorshift64*
  state ^= state >> 12;
  state ^= state << 25;
  state ^= state >> 27;
  return state * 2685821657736338717ull;
}

// n doubles in [lo, hi] (0 <= lo < hi): half uniform over the bit patterns (every scale), half
// uniform over the values, each with a random sign when signed.
void AddRandom(std::vector<double>& xs, double lo, double hi, int n, bool signed_) {
  const uint64_t blo = Bits(lo), bhi = Bits(hi);
  for (int i = 0; i < n; ++i) {
    double v = i % 2 ? FromBits(blo + Next() % (bhi - blo + 1)) : lo + (hi - lo) * ((Next() >> 11) * 0x1p-53);
    if (signed_ && (Next() & 1)) v = -v;
    xs.push_back(v);
  }
}

// The doubles within k ulps of v.
void AddAround(std::vector<double>& xs, double v, int k) {
  for (int d = -k; d <= k; ++d) xs.push_back(FromBits(Bits(v) + d));
}

struct Case64 {
  int op;
  long double (*ref)(long double);
  double (*libm)(double);
};

}  // namespace

void TestMathAccuracy64(const char* isa, const KernelTable& k) {
  // Valgrind's CPU has no 80-bit long double: the reference would be a double.
  if (UnderMemcheck()) return;
  const Case64 cases[] = {{kExp, expl, exp}, {kLog, logl, log}, {kSin, sinl, sin}, {kCos, cosl, cos}};
  const int n = 200000;
  for (const Case64& c : cases) {
    std::vector<double> xs;
    if (c.op == kExp) {
      AddRandom(xs, 0, 750, n, true);
      AddRandom(xs, 0, 1e-3, n / 4, true);
      for (double t : {709.782712893384, -708.3964185322641, -745.1332191019411, -744.4400719213812, 0.0})
        AddAround(xs, t, 200);
    } else if (c.op == kLog) {
      AddRandom(xs, 4.9406564584124654e-324, DBL_MAX, n, false);
      AddRandom(xs, 0.5, 2.0, n / 4, false);
      AddAround(xs, 1.0, 2000);
      for (double t : {DBL_MIN, DBL_MAX / 2, 0.7071067811865476, 1.4142135623730951}) AddAround(xs, t, 200);
    } else {
      AddRandom(xs, 0, 2e6, n, true);
      AddRandom(xs, 0, 10, n / 4, true);
      // The doubles nearest k pi/2, where the reduced argument is smallest relative to x.
      for (int m = 1; m < 1000000; m += m < 2000 ? 1 : 997) AddAround(xs, m * 1.5707963267948966, 2);
    }
    std::vector<double> got(xs.size());
    k.f64.unary[c.op](xs.data(), got.data(), static_cast<int64_t>(xs.size()));
    int64_t worst = 0;
    size_t at = 0;
    long double frac = 0;  // the error against the long double value, in ulps of the result
    for (size_t i = 0; i < xs.size(); ++i) {
      const long double want = c.ref(xs[i]);
      const int64_t d = UlpDistance(got[i], static_cast<double>(want));
      if (d > worst) worst = d, at = i;
      const double w = static_cast<double>(want);
      if (std::isfinite(w) && w != 0 && std::fabs(w) >= DBL_MIN) {
        frac = std::max(frac, std::fabs(got[i] - want) / (std::nextafter(std::fabs(w), INFINITY) - std::fabs(w)));
      }
    }
    ++checks;
    std::printf("%s f64 %s: max error %lld ulp from the correctly rounded value (%.3Lf ulp) over %zu inputs\n", isa,
                UnaryOpName(c.op), static_cast<long long>(worst), frac, xs.size());
    if (worst > 1) {
      std::printf("FAIL %s f64 %s: %lld ulp at %.17g\n", isa, UnaryOpName(c.op), static_cast<long long>(worst), xs[at]);
      ++failures;
    }
    // Special values, through a whole vector and a tail: libm's bits.
    const double inf = std::numeric_limits<double>::infinity(), nan = std::numeric_limits<double>::quiet_NaN();
    const double specials[] = {0.0,  -0.0,  inf,     -inf,     nan,     4.9406564584124654e-324, -5e-324, 1e-310,
                               1.0,  -1.0,  DBL_MAX, -DBL_MAX, DBL_MIN, 709.782712893384,        710.0,   -745.2,
                               -746, 1e300, 1e22,    -708.5,   -740.0};
    constexpr int64_t kSpecials = sizeof(specials) / sizeof(specials[0]);
    double sgot[kSpecials];
    k.f64.unary[c.op](specials, sgot, kSpecials);
    for (int64_t i = 0; i < kSpecials; ++i) {
      const double want = c.libm(specials[i]);
      const bool ordinary = std::fabs(specials[i]) == 1.0;  // not a special value: within 1 ulp
      if (!(std::isnan(want) ? std::isnan(sgot[i]) : Bits(want) == Bits(sgot[i])) &&
          !(ordinary && UlpDistance(sgot[i], want) <= 1)) {
        std::printf("FAIL %s f64 %s(%g) = %.17g, want %.17g\n", isa, UnaryOpName(c.op), specials[i], sgot[i], want);
        ++failures;
      }
    }
  }
}

}  // namespace test
}  // namespace tg
