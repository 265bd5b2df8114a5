// The random samplers' vector kernels: every table against the reference, bit for bit.
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

}  // namespace test
}  // namespace tg
