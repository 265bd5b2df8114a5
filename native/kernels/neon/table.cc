#include "kernels/body/activation_body.h"
#include "kernels/body/gemm_body.h"
#include "kernels/body/kernels_body.h"
#include "kernels/body/optim_body.h"
#include "kernels/neon/vec.h"

namespace tg {
namespace neon {

// mc, kc, nc: the reference values until tuned for this ISA (kc changes results' bits).
constexpr GemmBlocking kBlocking{96, 256, 2048};

KernelTable Table() {
  KernelTable t = ref::Table();
  t.isa = "neon";
  body::FillElementwise<VecF32>(t.f32);
  body::FillElementwise<VecF64>(t.f64);
  body::FillActivations<VecF32>(t.f32);
  body::FillActivations<VecF64>(t.f64);
  body::FillOptim<VecF32>(t.f32);
  body::FillOptim<VecF64>(t.f64);
  // 8 x 12 floats: 24 accumulators of the 32 q registers.
  t.f32.gemm = body::MakeGemm<VecF32, 8, 3>(kBlocking);
  t.f64.gemm = body::MakeGemm<VecF64, 8, 3>(kBlocking);
  t.normal_f32 = &NormalBlocksF32;
  return t;
}

}  // namespace neon
}  // namespace tg
