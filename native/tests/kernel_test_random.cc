// The random samplers' and the optimizer steps' vector kernels: every table against the reference, bit for bit.
#include <cmath>
#include <cstring>
#include <limits>
#include <string>
#include <vector>

#include "tests/kernel_test.h"

namespace tg {
namespace test {

// The normal sampler's blocks: every table's bits equal the reference table's, on uniforms that
// include the ends of [0, 1) (PyTorch's draws are multiples of 2^-24), and the values are
// Box-Muller's to float accuracy (a double reference).
void TestNormalBlocks(const char* isa, const KernelTable& t, const KernelTable& r) {
  ++checks;
  constexpr int kBlocks = 64;
  std::vector<float> u(16 * kBlocks);
  for (size_t i = 0; i < u.size(); ++i)
    u[i] = static_cast<float>(static_cast<uint32_t>((Rand() + 1) * 8388608.0)) / 16777216.0f;
  u[0] = 0.0f;                       // u1 = 1: radius 0
  u[1] = 1.0f - 1.0f / 16777216.0f;  // u1 = 2^-24: the largest radius
  u[8] = 0.0f;                       // theta 0
  u[9] = 1.0f - 1.0f / 16777216.0f;  // theta just under 2 pi
  u[10] = 0.125f;                    // theta pi / 4, an octant edge
  std::vector<float> got = u, want = u;
  t.normal_f32(got.data(), kBlocks, 0.5f, 2.0f);
  r.normal_f32(want.data(), kBlocks, 0.5f, 2.0f);
  for (size_t i = 0; i < u.size(); ++i) {
    if (std::memcmp(&got[i], &want[i], 4) != 0) {
      std::printf("FAIL %s normal_f32 at %zu: got %.9g want %.9g (the reference table)\n", isa, i, got[i], want[i]);
      ++failures;
      return;
    }
    const size_t b = i / 16 * 16, j = i % 8;
    const double radius = std::sqrt(-2.0 * std::log(1.0 - u[b + j]));
    const double theta = 2.0 * 3.14159265358979323846 * u[b + j + 8];
    const double exact = (i % 16 < 8 ? radius * std::cos(theta) : radius * std::sin(theta)) * 2.0 + 0.5;
    if (!(std::fabs(got[i] - exact) <= 2e-5 * std::max(1.0, std::fabs(exact)))) {
      std::printf("FAIL %s normal_f32 at %zu: got %.9g, Box-Muller gives %.9g\n", isa, i, got[i], exact);
      ++failures;
      return;
    }
  }
}

// The fused optimizer steps: every table's bits equal the reference table's (std::fma there),
// for each option combination, over a length that leaves a vector remainder.
template <class T>
void CheckOptimSteps(const char* isa, const TypedKernels<T>& k, const TypedKernels<T>& r, const char* type) {
  constexpr int64_t n = 67;
  std::vector<T> p0(n), g(n), b0(n), m0(n), v0(n);
  for (int64_t i = 0; i < n; ++i)
    p0[i] = T(Rand()), g[i] = T(Rand()), b0[i] = T(Rand()), m0[i] = T(Rand()), v0[i] = T(Rand() + 1);
  auto same = [&](const std::vector<T>& x, const std::vector<T>& y, const char* what) {
    ++checks;
    if (std::memcmp(x.data(), y.data(), sizeof(T) * n) != 0) {
      std::printf("FAIL %s %s %s differs from the reference table\n", isa, type, what);
      ++failures;
    }
  };
  for (int opts = 0; opts < 16; ++opts) {
    std::vector<T> p1 = p0, p2 = p0, b1 = b0, b2 = b0;
    SgdStepArgs<T> a{nullptr,         g.data(),       nullptr, T(0.01), T(0.9), T(0.9), (opts & 1) ? T(0.1) : T(0),
                     (opts & 2) != 0, (opts & 4) != 0};
    const bool momentum = (opts & 8) != 0;
    a.p = p1.data(), a.buf = momentum ? b1.data() : nullptr;
    k.sgd_step(n, a);
    a.p = p2.data(), a.buf = momentum ? b2.data() : nullptr;
    r.sgd_step(n, a);
    same(p1, p2, "sgd_step parameter");
    same(b1, b2, "sgd_step momentum buffer");
  }
  for (int opts = 0; opts < 4; ++opts) {
    std::vector<T> p1 = p0, p2 = p0, m1 = m0, m2 = m0, v1 = v0, v2 = v0, x1 = v0, x2 = v0;
    const bool amsgrad = (opts & 2) != 0;
    AdamStepArgs<T> a{nullptr,  g.data(), nullptr, nullptr, nullptr, T(0.9),   T(0.999),       T(0.1),
                      T(0.001), T(0.01),  T(0.99), T(1e-8), T(0.3),  T(-0.01), (opts & 1) != 0};
    a.p = p1.data(), a.m = m1.data(), a.v = v1.data(), a.vmax = amsgrad ? x1.data() : nullptr;
    k.adam_step(n, a);
    a.p = p2.data(), a.m = m2.data(), a.v = v2.data(), a.vmax = amsgrad ? x2.data() : nullptr;
    r.adam_step(n, a);
    same(p1, p2, "adam_step parameter");
    same(m1, m2, "adam_step exp_avg");
    same(v1, v2, "adam_step exp_avg_sq");
    same(x1, x2, "adam_step max_exp_avg_sq");
  }
}

// The adaptive steps (optim_step, one slot per OptimOp): every table's bits equal the reference
// table's for every op and option combination, on gradients with zeros, -0, huge values (whose
// squares overflow), infinities and a NaN among ordinary ones. NaNs match as NaNs (their payload
// is the operand order's, which vectorised code may swap).
template <class T>
void CheckAdaptiveSteps(const char* isa, const TypedKernels<T>& k, const TypedKernels<T>& r, const char* type) {
  constexpr int64_t n = 67;
  std::vector<T> p0(n), g(n), s0[3] = {std::vector<T>(n), std::vector<T>(n), std::vector<T>(n)};
  for (int64_t i = 0; i < n; ++i) {
    p0[i] = T(Rand()), g[i] = T(Rand());
    for (int j = 0; j < 3; ++j) s0[j][i] = T(Rand() * 0.5 + 0.5);  // squares' averages are not negative
  }
  g[3] = T(0), g[4] = T(-0.0), g[5] = T(3e38), g[6] = -std::numeric_limits<T>::infinity(), g[7] = T(1e-30);
  g[8] = std::numeric_limits<T>::quiet_NaN();
  auto same = [&](const std::vector<T>& x, const std::vector<T>& y, const char* op, const char* what, int opts) {
    ++checks;
    for (int64_t i = 0; i < n; ++i) {
      if (std::memcmp(&x[i], &y[i], sizeof(T)) != 0 && !(std::isnan(x[i]) && std::isnan(y[i]))) {
        std::printf("FAIL %s %s %s (options %d) %s at %lld: %.17g, the reference table %.17g\n", isa, type, op, opts,
                    what, static_cast<long long>(i), double(x[i]), double(y[i]));
        ++failures;
        return;
      }
    }
  };
  // Per op: its name, the state buffers it always and may use, and scalars in its c[] layout.
  struct Case {
    int op;
    const char* name;
    int needs, allows;
    T c[kOptimScalars];
  };
  const Case cases[] = {
      {kRmsprop, "rmsprop", 1, 7, {T(0), T(0.99), T(0.01), T(1e-8), T(0.9), T(-0.01)}},
      {kAdagrad, "adagrad", 1, 1, {T(0), T(-0.1), T(1e-10)}},
      {kAdamax, "adamax", 3, 3, {T(0), T(0.9), T(0.1), T(0.999), T(1e-8), T(-0.02)}},
      {kNadam, "nadam", 3, 3, {T(0), T(0.9), T(0.1), T(0.999), T(0.001), T(0.003), T(1e-8), T(-0.0013), T(-0.018)}},
      {kRadam, "radam", 3, 3, {T(0), T(0.9), T(0.1), T(0.999), T(0.001), T(0.34), T(0.001), T(1e-8), T(0.08), T(0.7)}},
  };
  for (const Case& c : cases) {
    // bit 0: weight decay, 1: maximize, 2: rectify, 3-4: RMSprop's optional buffers
    for (int opts = 0; opts < 32; ++opts) {
      const int has = c.needs | ((opts >> 2) & c.allows & ~c.needs);
      if (((opts & 24) != 0 && c.op != kRmsprop) || ((opts & 4) != 0 && c.op != kRadam)) continue;
      std::vector<T> p1 = p0, p2 = p0, s1[3] = {s0[0], s0[1], s0[2]}, s2[3] = {s0[0], s0[1], s0[2]};
      OptimStepArgs<T> a{};
      a.g = g.data();
      for (int j = 0; j < kOptimScalars; ++j) a.c[j] = c.c[j];
      if (opts & 1) a.c[0] = T(0.1);
      a.maximize = (opts & 2) != 0;
      a.rectify = (opts & 4) != 0;
      a.p = p1.data();
      for (int j = 0; j < 3; ++j) a.s[j] = (has >> j & 1) ? s1[j].data() : nullptr;
      k.optim_step[c.op](n, a);
      a.p = p2.data();
      for (int j = 0; j < 3; ++j) a.s[j] = (has >> j & 1) ? s2[j].data() : nullptr;
      r.optim_step[c.op](n, a);
      same(p1, p2, c.name, "parameter", opts);
      for (int j = 0; j < 3; ++j) same(s1[j], s2[j], c.name, "state", opts);
    }
  }
}

void TestOptimSteps(const char* isa, const KernelTable& t, const KernelTable& r) {
  CheckOptimSteps(isa, t.f32, r.f32, "f32");
  CheckOptimSteps(isa, t.f64, r.f64, "f64");
  CheckAdaptiveSteps(isa, t.f32, r.f32, "f32");
  CheckAdaptiveSteps(isa, t.f64, r.f64, "f64");
}

}  // namespace test
}  // namespace tg
