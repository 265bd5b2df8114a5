// Float32 elementwise math on every table against float64 libm, in ulps.
#include <cstring>
#include <limits>
#include <string>
#include <vector>

#include "elementwise/elementwise.h"
#include "tests/kernel_test.h"

namespace tg {
namespace test {
namespace {

// Float32 elementwise functions against the float64 libm value rounded to float32, over a
// sample of float32 inputs spread over the bit patterns and uniformly: at most 2 ulp on every
// table (glibc's float32 sinh, atanh, log10 and acosh reach 2), 1 ulp for the SIMD tables'
// vector functions (their reduction boundaries, tails and out-of-range lanes included).
struct MathCase {
  int op;
  double (*ref)(double);
  float lo, hi;
};

}  // namespace

void TestMathAccuracy(const char* isa, const KernelTable& k) {
  const MathCase cases[] = {
      {kSin, sin, -130.0f, 130.0f},   {kCos, cos, -130.0f, 130.0f},   {kSin, sin, -4e5f, 4e5f},
      {kCos, cos, -1e-3f, 1e-3f},     {kTan, tan, -10.0f, 10.0f},     {kAsin, asin, -1.0f, 1.0f},
      {kAcos, acos, -1.0f, 1.0f},     {kAtan, atan, -50.0f, 50.0f},   {kSinh, sinh, -80.0f, 80.0f},
      {kCosh, cosh, -80.0f, 80.0f},   {kAsinh, asinh, -1e4f, 1e4f},   {kAcosh, acosh, 1.0f, 1e4f},
      {kAtanh, atanh, -1.0f, 1.0f},   {kLog1p, log1p, -0.99f, 1e4f},  {kExpm1, expm1, -20.0f, 80.0f},
      {kLog2, log2, 1e-30f, 1e30f},   {kLog10, log10, 1e-30f, 1e30f}, {kExp2, exp2, -120.0f, 120.0f},
      {kErf, erf, -5.0f, 5.0f},       {kExp, exp, -80.0f, 80.0f},     {kLog, log, 1e-30f, 1e30f},
      {kErf, erf, -3e38f, 3e38f},     {kAtan, atan, -3e38f, 3e38f},   {kErf, erf, -1.6f, 1.6f},
      {kAtan, atan, -1.1f, 1.1f},     {kTanh, tanh, -3e38f, 3e38f},   {kTanh, tanh, -1.1f, 1.1f},
      {kExp, exp, -104.0f, 89.0f},    {kExp, exp, -1e-3f, 1e-3f},     {kExp2, exp2, -150.0f, 128.0f},
      {kExpm1, expm1, -2e-3f, 2e-3f}, {kLog1p, log1p, -2e-3f, 2e-3f}, {kLog, log, 0.5f, 2.0f},
      {kLog2, log2, 0.5f, 2.0f},      {kLog10, log10, 0.5f, 2.0f},    {kLog1p, log1p, -1.0f, 3e38f},
      {kSinh, sinh, -90.0f, 90.0f},   {kCosh, cosh, -90.0f, 90.0f},   {kSinh, sinh, -1.5f, 1.5f},
      {kAsinh, asinh, -3e38f, 3e38f}, {kAcosh, acosh, 1.0f, 3e38f},   {kAcosh, acosh, 1.0f, 1.01f},
      {kAtanh, atanh, -0.01f, 0.01f}, {kTan, tan, -2e6f, 2e6f},       {kSin, sin, -3e38f, 3e38f},
      {kCos, cos, -3e38f, 3e38f},     {kExpm1, expm1, -3e38f, 3e38f}, {kExp, exp, -3e38f, 3e38f},
  };
  // The vector functions of math_simd.h and math_wide.h: within 1 ulp of the correctly rounded
  // value (the float64 reference rounded to float32) on the SIMD tables.
  const bool simd = std::string(isa) != "ref";
  auto vectorised = [](int op) {
    for (int v : {kSin, kCos, kTan, kErf, kAtan, kTanh, kExp, kExpm1, kLog, kLog2, kLog10, kLog1p, kSinh, kCosh})
      if (op == v) return true;
    return false;
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
    const int64_t allowed = simd && vectorised(c.op) ? 1 : 2;
    std::vector<float> got(xs.size());
    k.f32.unary[c.op](xs.data(), got.data(), static_cast<int64_t>(xs.size()));
    int64_t worst = 0;
    size_t at = 0;
    for (size_t i = 0; i < xs.size(); ++i) {
      const float want = static_cast<float>(c.ref(static_cast<double>(xs[i])));
      const int64_t d = UlpDistance(got[i], want);
      if (d > worst) worst = d, at = i;
    }
    // Special values, run through a whole vector and a tail: the same bits as libm (the sign of
    // zero included).
    const float inf = std::numeric_limits<float>::infinity(), nan = std::numeric_limits<float>::quiet_NaN();
    // Then the overflow and underflow thresholds of exp, exp2, expm1, sinh and cosh, and the
    // domain edges of log1p, acosh and atanh (1 ulp either side).
    const float specials[] = {
        0.0f,        -0.0f,       inf,         -inf,         nan,        1e-45f,       -1e-45f,         1e-40f,
        -3e38f,      3e38f,       1.0f,        -1.0f,        88.722832f, 88.722839f,   -87.336548f,     -103.27893f,
        -103.97208f, -103.97209f, 127.99999f,  128.0f,       -149.0f,    -150.0f,      -126.0f,         89.415985f,
        89.415993f,  -89.415993f, 0.99999994f, -0.99999994f, 1.0000001f, -0.99999988f, 1.17549435e-38f, -1.5e6f,
        1.5e6f,      1.5000001e6f};
    constexpr int64_t kSpecials = sizeof(specials) / sizeof(specials[0]);
    float sgot[kSpecials];
    k.f32.unary[c.op](specials, sgot, kSpecials);
    for (int64_t i = 0; i < kSpecials; ++i) {
      const float want = static_cast<float>(c.ref(static_cast<double>(specials[i])));
      const bool same =
          std::isnan(want) ? std::isnan(sgot[i]) : (want == sgot[i] && std::signbit(want) == std::signbit(sgot[i]));
      if (!same && !(std::isfinite(want) && want != 0 && UlpDistance(sgot[i], want) <= allowed)) {
        std::printf("FAIL %s f32 %s(%g) = %g, want %g\n", isa, UnaryOpName(c.op), specials[i], sgot[i], want);
        ++failures;
      }
    }
    ++checks;
    if (simd && vectorised(c.op)) {  // the vector functions: report their error
      std::printf("%s f32 %s on [%g, %g]: max error %lld ulp\n", isa, UnaryOpName(c.op), c.lo, c.hi,
                  static_cast<long long>(worst));
    }
    if (worst > allowed) {
      std::printf("FAIL %s f32 %s on [%g, %g]: %lld ulp at %.9g\n", isa, UnaryOpName(c.op), c.lo, c.hi,
                  static_cast<long long>(worst), xs[at]);
      ++failures;
    }
  }
}

}  // namespace test
}  // namespace tg
