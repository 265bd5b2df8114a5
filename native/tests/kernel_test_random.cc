// The random samplers' and the optimizer steps' vector kernels: every table against the reference, bit for bit.
#include <cstring>
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

void TestOptimSteps(const char* isa, const KernelTable& t, const KernelTable& r) {
  CheckOptimSteps(isa, t.f32, r.f32, "f32");
  CheckOptimSteps(isa, t.f64, r.f64, "f64");
}

}  // namespace test
}  // namespace tg
