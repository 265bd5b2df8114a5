// The normal sampler's Box-Muller blocks, eight lanes at a time: ATen's normal_fill_16_AVX2
// with avx_mathfun.h's log and sincos, and the fused multiply-adds that GCC contracts them to
// in Debian's PyTorch build (found by matching its randn bit for bit). ref/normal.cc is the
// same sequence one lane at a time; the AVX-512 table uses this one.
#include <immintrin.h>

#include <cstdint>

#include "kernels/body/normal_consts.h"
#include "kernels/table.h"

namespace tg {
namespace avx2 {
namespace {

using namespace normal_consts;

inline __m256 Log(__m256 x) {
  const __m256 one = _mm256_set1_ps(1.0f);
  const __m256 invalid = _mm256_cmp_ps(x, _mm256_setzero_ps(), _CMP_LE_OS);
  x = _mm256_max_ps(x, _mm256_castsi256_ps(_mm256_set1_epi32(static_cast<int>(kMinNormPos))));
  __m256i exponent = _mm256_srli_epi32(_mm256_castps_si256(x), 23);
  x = _mm256_and_ps(x, _mm256_castsi256_ps(_mm256_set1_epi32(static_cast<int>(~kMantMask))));
  x = _mm256_or_ps(x, _mm256_set1_ps(0.5f));
  exponent = _mm256_sub_epi32(exponent, _mm256_set1_epi32(0x7f));
  __m256 e = _mm256_add_ps(_mm256_cvtepi32_ps(exponent), one);
  const __m256 small = _mm256_cmp_ps(x, _mm256_set1_ps(kSqrtHalf), _CMP_LT_OS);
  const __m256 tmp = _mm256_and_ps(x, small);
  x = _mm256_sub_ps(x, one);
  e = _mm256_sub_ps(e, _mm256_and_ps(one, small));
  x = _mm256_add_ps(x, tmp);
  const __m256 z = _mm256_mul_ps(x, x);
  __m256 y = _mm256_set1_ps(kLogP[0]);
  for (int k = 1; k < 9; ++k) y = _mm256_fmadd_ps(y, x, _mm256_set1_ps(kLogP[k]));
  y = _mm256_mul_ps(y, x);
  y = _mm256_fmadd_ps(y, z, _mm256_mul_ps(e, _mm256_set1_ps(kLogQ1)));
  y = _mm256_fnmadd_ps(z, _mm256_set1_ps(0.5f), y);
  x = _mm256_add_ps(x, y);
  x = _mm256_fmadd_ps(e, _mm256_set1_ps(kLogQ2), x);
  return _mm256_or_ps(x, invalid);
}

inline void SinCos(__m256 x, __m256* s, __m256* c) {
  const __m256 sign_mask = _mm256_castsi256_ps(_mm256_set1_epi32(static_cast<int>(0x80000000u)));
  __m256 sign_sin = _mm256_and_ps(x, sign_mask);
  x = _mm256_andnot_ps(sign_mask, x);
  __m256 y = _mm256_mul_ps(x, _mm256_set1_ps(kFourOverPi));
  __m256i j = _mm256_cvttps_epi32(y);
  j = _mm256_and_si256(_mm256_add_epi32(j, _mm256_set1_epi32(1)), _mm256_set1_epi32(~1));
  y = _mm256_cvtepi32_ps(j);
  const __m256 swap_sin = _mm256_castsi256_ps(_mm256_slli_epi32(_mm256_and_si256(j, _mm256_set1_epi32(4)), 29));
  const __m256 sine_poly =
      _mm256_castsi256_ps(_mm256_cmpeq_epi32(_mm256_and_si256(j, _mm256_set1_epi32(2)), _mm256_setzero_si256()));
  const __m256i j2 = _mm256_sub_epi32(j, _mm256_set1_epi32(2));
  const __m256 sign_cos = _mm256_castsi256_ps(_mm256_slli_epi32(_mm256_andnot_si256(j2, _mm256_set1_epi32(4)), 29));
  sign_sin = _mm256_xor_ps(sign_sin, swap_sin);
  x = _mm256_fmadd_ps(y, _mm256_set1_ps(kMinusDp1), x);
  x = _mm256_fmadd_ps(y, _mm256_set1_ps(kMinusDp2), x);
  x = _mm256_fmadd_ps(y, _mm256_set1_ps(kMinusDp3), x);
  const __m256 z = _mm256_mul_ps(x, x);
  __m256 yc = _mm256_set1_ps(kCosP0);
  yc = _mm256_fmadd_ps(yc, z, _mm256_set1_ps(kCosP1));
  yc = _mm256_fmadd_ps(yc, z, _mm256_set1_ps(kCosP2));
  yc = _mm256_mul_ps(yc, z);
  yc = _mm256_fmsub_ps(yc, z, _mm256_mul_ps(z, _mm256_set1_ps(0.5f)));
  yc = _mm256_add_ps(yc, _mm256_set1_ps(1.0f));
  __m256 ys = _mm256_set1_ps(kSinP0);
  ys = _mm256_fmadd_ps(ys, z, _mm256_set1_ps(kSinP1));
  ys = _mm256_fmadd_ps(ys, z, _mm256_set1_ps(kSinP2));
  ys = _mm256_mul_ps(ys, z);
  ys = _mm256_fmadd_ps(ys, x, x);
  const __m256 sin2 = _mm256_and_ps(sine_poly, ys);
  const __m256 sin1 = _mm256_andnot_ps(sine_poly, yc);
  *s = _mm256_xor_ps(_mm256_add_ps(sin1, sin2), sign_sin);
  *c = _mm256_xor_ps(_mm256_add_ps(_mm256_sub_ps(yc, sin1), _mm256_sub_ps(ys, sin2)), sign_cos);
}

}  // namespace

void NormalBlocksF32(float* data, int64_t blocks, float mean, float std) {
  const __m256 mean_v = _mm256_set1_ps(mean);
  const __m256 std_v = _mm256_set1_ps(std);
  for (int64_t b = 0; b < blocks; ++b, data += 16) {
    const __m256 u1 = _mm256_sub_ps(_mm256_set1_ps(1.0f), _mm256_loadu_ps(data));
    const __m256 u2 = _mm256_loadu_ps(data + 8);
    const __m256 radius = _mm256_sqrt_ps(_mm256_mul_ps(_mm256_set1_ps(-2.0f), Log(u1)));
    __m256 s, c;
    SinCos(_mm256_mul_ps(_mm256_set1_ps(kTwoPi), u2), &s, &c);
    _mm256_storeu_ps(data, _mm256_fmadd_ps(_mm256_mul_ps(radius, c), std_v, mean_v));
    _mm256_storeu_ps(data + 8, _mm256_fmadd_ps(_mm256_mul_ps(radius, s), std_v, mean_v));
  }
}

}  // namespace avx2
}  // namespace tg
