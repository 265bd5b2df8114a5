// Constants of PyTorch's float normal sampler (ATen's avx_mathfun.h, after Pommier's
// sse_mathfun: Cephes' logf and sinf/cosf polynomials), shared by every ISA's version.
#pragma once
#include <cstdint>

namespace tg {
namespace normal_consts {

constexpr uint32_t kMinNormPos = 0x00800000u;  // the smallest normal float
constexpr uint32_t kMantMask = 0x7f800000u;    // the exponent bits
constexpr float kSqrtHalf = 0.707106781186547524f;
constexpr float kLogP[9] = {7.0376836292E-2f,  -1.1514610310E-1f, 1.1676998740E-1f,
                            -1.2420140846E-1f, +1.4249322787E-1f, -1.6668057665E-1f,
                            +2.0000714765E-1f, -2.4999993993E-1f, +3.3333331174E-1f};
constexpr float kLogQ1 = -2.12194440e-4f;
constexpr float kLogQ2 = 0.693359375f;
constexpr float kFourOverPi = 1.27323954473516f;
constexpr float kMinusDp1 = -0.78515625f;
constexpr float kMinusDp2 = -2.4187564849853515625e-4f;
constexpr float kMinusDp3 = -3.77489497744594108e-8f;
constexpr float kSinP0 = -1.9515295891E-4f;
constexpr float kSinP1 = 8.3321608736E-3f;
constexpr float kSinP2 = -1.6666654611E-1f;
constexpr float kCosP0 = 2.443315711809948E-005f;
constexpr float kCosP1 = -1.388731625493765E-003f;
constexpr float kCosP2 = 4.166664568298827E-002f;
// float(2 * pi), as PyTorch's _mm256_set1_ps(2.0f * c10::pi<double>).
constexpr float kTwoPi = static_cast<float>(2.0f * 3.14159265358979323846);

}  // namespace normal_consts
}  // namespace tg
