// The normal sampler's Box-Muller blocks, four lanes at a time: the sequence of
// ../avx2/normal.cc (ATen's normal_fill_16_AVX2 as Debian's build computes it) in NEON, whose
// vfmaq/vfmsq are fused like FMA3, so the bits are the same.
#include <arm_neon.h>

#include <cstdint>

#include "kernels/body/normal_consts.h"
#include "kernels/table.h"

namespace tg {
namespace neon {
namespace {

using namespace normal_consts;

inline float32x4_t Log(float32x4_t x) {
  const float32x4_t one = vdupq_n_f32(1.0f);
  const uint32x4_t invalid = vcleq_f32(x, vdupq_n_f32(0.0f));
  // Inputs are in (0, 1]: no NaN, so vmaxq's NaN rule (unlike _mm256_max_ps's) never applies.
  x = vmaxq_f32(x, vreinterpretq_f32_u32(vdupq_n_u32(kMinNormPos)));
  int32x4_t exponent = vreinterpretq_s32_u32(vshrq_n_u32(vreinterpretq_u32_f32(x), 23));
  uint32x4_t bits = vandq_u32(vreinterpretq_u32_f32(x), vdupq_n_u32(~kMantMask));
  x = vreinterpretq_f32_u32(vorrq_u32(bits, vreinterpretq_u32_f32(vdupq_n_f32(0.5f))));
  exponent = vsubq_s32(exponent, vdupq_n_s32(0x7f));
  float32x4_t e = vaddq_f32(vcvtq_f32_s32(exponent), one);
  const uint32x4_t small = vcltq_f32(x, vdupq_n_f32(kSqrtHalf));
  const float32x4_t tmp = vreinterpretq_f32_u32(vandq_u32(vreinterpretq_u32_f32(x), small));
  x = vsubq_f32(x, one);
  e = vsubq_f32(e, vreinterpretq_f32_u32(vandq_u32(vreinterpretq_u32_f32(one), small)));
  x = vaddq_f32(x, tmp);
  const float32x4_t z = vmulq_f32(x, x);
  float32x4_t y = vdupq_n_f32(kLogP[0]);
  for (int k = 1; k < 9; ++k) y = vfmaq_f32(vdupq_n_f32(kLogP[k]), y, x);
  y = vmulq_f32(y, x);
  y = vfmaq_f32(vmulq_f32(e, vdupq_n_f32(kLogQ1)), y, z);
  y = vfmsq_f32(y, z, vdupq_n_f32(0.5f));
  x = vaddq_f32(x, y);
  x = vfmaq_f32(x, e, vdupq_n_f32(kLogQ2));
  return vreinterpretq_f32_u32(vorrq_u32(vreinterpretq_u32_f32(x), invalid));
}

inline void SinCos(float32x4_t x, float32x4_t* s, float32x4_t* c) {
  const uint32x4_t sign_mask = vdupq_n_u32(0x80000000u);
  uint32x4_t sign_sin = vandq_u32(vreinterpretq_u32_f32(x), sign_mask);
  x = vabsq_f32(x);
  float32x4_t y = vmulq_f32(x, vdupq_n_f32(kFourOverPi));
  int32x4_t j = vcvtq_s32_f32(y);
  j = vandq_s32(vaddq_s32(j, vdupq_n_s32(1)), vdupq_n_s32(~1));
  y = vcvtq_f32_s32(j);
  const uint32x4_t swap_sin = vshlq_n_u32(vreinterpretq_u32_s32(vandq_s32(j, vdupq_n_s32(4))), 29);
  const uint32x4_t sine_poly = vceqq_s32(vandq_s32(j, vdupq_n_s32(2)), vdupq_n_s32(0));
  const int32x4_t j2 = vsubq_s32(j, vdupq_n_s32(2));
  const uint32x4_t sign_cos = vshlq_n_u32(vreinterpretq_u32_s32(vbicq_s32(vdupq_n_s32(4), j2)), 29);
  sign_sin = veorq_u32(sign_sin, swap_sin);
  x = vfmaq_f32(x, y, vdupq_n_f32(kMinusDp1));
  x = vfmaq_f32(x, y, vdupq_n_f32(kMinusDp2));
  x = vfmaq_f32(x, y, vdupq_n_f32(kMinusDp3));
  const float32x4_t z = vmulq_f32(x, x);
  float32x4_t yc = vdupq_n_f32(kCosP0);
  yc = vfmaq_f32(vdupq_n_f32(kCosP1), yc, z);
  yc = vfmaq_f32(vdupq_n_f32(kCosP2), yc, z);
  yc = vmulq_f32(yc, z);
  yc = vfmaq_f32(vnegq_f32(vmulq_f32(z, vdupq_n_f32(0.5f))), yc, z);
  yc = vaddq_f32(yc, vdupq_n_f32(1.0f));
  float32x4_t ys = vdupq_n_f32(kSinP0);
  ys = vfmaq_f32(vdupq_n_f32(kSinP1), ys, z);
  ys = vfmaq_f32(vdupq_n_f32(kSinP2), ys, z);
  ys = vmulq_f32(ys, z);
  ys = vfmaq_f32(x, ys, x);
  const float32x4_t sin2 = vreinterpretq_f32_u32(vandq_u32(sine_poly, vreinterpretq_u32_f32(ys)));
  const float32x4_t sin1 = vreinterpretq_f32_u32(vbicq_u32(vreinterpretq_u32_f32(yc), sine_poly));
  *s = vreinterpretq_f32_u32(veorq_u32(vreinterpretq_u32_f32(vaddq_f32(sin1, sin2)), sign_sin));
  const float32x4_t cos = vaddq_f32(vsubq_f32(yc, sin1), vsubq_f32(ys, sin2));
  *c = vreinterpretq_f32_u32(veorq_u32(vreinterpretq_u32_f32(cos), sign_cos));
}

}  // namespace

void NormalBlocksF32(float* data, int64_t blocks, float mean, float std) {
  const float32x4_t mean_v = vdupq_n_f32(mean);
  const float32x4_t std_v = vdupq_n_f32(std);
  for (int64_t b = 0; b < blocks; ++b, data += 16) {
    for (int half = 0; half < 8; half += 4) {
      const float32x4_t u1 = vsubq_f32(vdupq_n_f32(1.0f), vld1q_f32(data + half));
      const float32x4_t u2 = vld1q_f32(data + 8 + half);
      const float32x4_t radius = vsqrtq_f32(vmulq_f32(vdupq_n_f32(-2.0f), Log(u1)));
      float32x4_t s, c;
      SinCos(vmulq_f32(vdupq_n_f32(kTwoPi), u2), &s, &c);
      vst1q_f32(data + half, vfmaq_f32(mean_v, vmulq_f32(radius, c), std_v));
      vst1q_f32(data + 8 + half, vfmaq_f32(mean_v, vmulq_f32(radius, s), std_v));
    }
  }
}

}  // namespace neon
}  // namespace tg
