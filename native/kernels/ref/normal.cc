// The normal sampler's Box-Muller blocks, one lane at a time: the same operations, in the same
// order and with the same fused multiply-adds, as the vector versions (see table.h), so every
// table gives the same bits.
#include <cmath>
#include <cstdint>
#include <cstring>

#include "kernels/body/normal_consts.h"
#include "kernels/table.h"

namespace tg {
namespace ref {
namespace {

using namespace normal_consts;

inline uint32_t Bits(float f) {
  uint32_t u;
  std::memcpy(&u, &f, 4);
  return u;
}
inline float Float(uint32_t u) {
  float f;
  std::memcpy(&f, &u, 4);
  return f;
}

// avx_mathfun's log256_ps for one lane: Cephes' logf.
float Log(float x) {
  const bool invalid = x <= 0.0f;
  x = std::fmax(x, Float(kMinNormPos));
  const auto exponent = static_cast<int32_t>(Bits(x) >> 23);
  x = Float((Bits(x) & ~kMantMask) | Bits(0.5f));
  float e = static_cast<float>(exponent - 0x7f) + 1.0f;
  const bool small = x < kSqrtHalf;
  const float tmp = small ? x : 0.0f;
  x = x - 1.0f;
  e = e - (small ? 1.0f : 0.0f);
  x = x + tmp;
  const float z = x * x;
  float y = kLogP[0];
  for (int k = 1; k < 9; ++k) y = std::fma(y, x, kLogP[k]);
  y = y * x;
  y = std::fma(y, z, e * kLogQ1);
  y = std::fma(z, -0.5f, y);
  x = x + y;
  x = std::fma(e, kLogQ2, x);
  return invalid ? Float(0xffffffffu) : x;
}

// avx_mathfun's sincos256_ps for one lane: Cephes' sinf and cosf.
void SinCos(float x, float* s, float* c) {
  uint32_t sign_sin = Bits(x) & 0x80000000u;
  x = std::fabs(x);
  float y = x * kFourOverPi;
  int32_t j = static_cast<int32_t>(y);
  j = (j + 1) & ~1;
  y = static_cast<float>(j);
  sign_sin ^= static_cast<uint32_t>(j & 4) << 29;
  const bool sine_poly = (j & 2) == 0;
  const uint32_t sign_cos = static_cast<uint32_t>(~(j - 2) & 4) << 29;
  x = std::fma(y, kMinusDp1, x);
  x = std::fma(y, kMinusDp2, x);
  x = std::fma(y, kMinusDp3, x);
  const float z = x * x;
  float yc = kCosP0;
  yc = std::fma(yc, z, kCosP1);
  yc = std::fma(yc, z, kCosP2);
  yc = yc * z;
  yc = std::fma(yc, z, -(z * 0.5f));
  yc = yc + 1.0f;
  float ys = kSinP0;
  ys = std::fma(ys, z, kSinP1);
  ys = std::fma(ys, z, kSinP2);
  ys = ys * z;
  ys = std::fma(ys, x, x);
  const float sin1 = sine_poly ? 0.0f : yc;
  const float sin2 = sine_poly ? ys : 0.0f;
  *s = Float(Bits(sin1 + sin2) ^ sign_sin);
  *c = Float(Bits((yc - sin1) + (ys - sin2)) ^ sign_cos);
}

}  // namespace

void NormalBlocksF32(float* data, int64_t blocks, float mean, float std) {
  for (int64_t b = 0; b < blocks; ++b, data += 16) {
    for (int j = 0; j < 8; ++j) {
      const float radius = std::sqrt(-2.0f * Log(1.0f - data[j]));
      float s, c;
      SinCos(kTwoPi * data[j + 8], &s, &c);
      data[j] = std::fma(radius * c, std, mean);
      data[j + 8] = std::fma(radius * s, std, mean);
    }
  }
}

}  // namespace ref
}  // namespace tg
